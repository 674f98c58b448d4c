package io.platestream.schemas.registry;

/**
 * A schema registry refused a request or could not be reached.
 *
 * <p>Carries the HTTP status of the response and the registry's own {@code error_code} (Confluent codes, e.g. 40401
 * subject not found, 40403 schema not found, 409 incompatible schema, 42201 invalid schema). Both are
 * {@link #NOT_AVAILABLE} when no response was received (connection refused, timeout, TLS failure).
 * {@link InMemorySchemaRegistry} raises the same statuses and codes as a real registry would.
 */
public final class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Value of {@link #httpStatus()} and {@link #errorCode()} when the registry gave none. */
  public static final int NOT_AVAILABLE = -1;

  /** Confluent error code: the subject does not exist. */
  public static final int SUBJECT_NOT_FOUND = 40401;
  /** Confluent error code: the version does not exist. */
  public static final int VERSION_NOT_FOUND = 40402;
  /** Confluent error code: the schema (id or content) does not exist. */
  public static final int SCHEMA_NOT_FOUND = 40403;
  /** Confluent error code: the schema is incompatible with earlier versions of the subject. */
  public static final int INCOMPATIBLE_SCHEMA = 409;
  /** Confluent error code: the schema is not valid. */
  public static final int INVALID_SCHEMA = 42201;

  private final int httpStatus;
  private final int errorCode;

  /** An error answered by a registry. */
  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** An error with an underlying cause (I/O, TLS, parsing); status and code may be {@link #NOT_AVAILABLE}. */
  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the registry's response, or {@link #NOT_AVAILABLE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code}, or {@link #NOT_AVAILABLE}. */
  public int errorCode() {
    return errorCode;
  }
}
