package io.platestream.schemas.registry;

import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry protocol PlateStream needs: register and look up Avro schemas under
 * subjects, fetch a schema by its global id, test and configure compatibility.
 *
 * <p>Implementations are thread safe. Failures are reported as {@link SchemaRegistryException}.
 *
 * @see RestSchemaRegistryClient a client of a real registry (Confluent, Apicurio's ccompat API, ...)
 * @see InMemorySchemaRegistry an in-process registry for tests and demos
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers a schema under a subject, or returns its id if it is already registered there (idempotent). Ids are
   * global: the same schema registered under two subjects gets the same id.
   *
   * @throws SchemaRegistryException with status 409 if the schema breaks the subject's compatibility level
   */
  int register(String subject, Schema schema);

  /** The id of {@code schema} if it is registered under {@code subject}; empty if the subject or schema is unknown. */
  OptionalInt lookup(String subject, Schema schema);

  /**
   * The schema with the given global id.
   *
   * @throws SchemaRegistryException with status 404 if no schema has that id
   */
  Schema getById(int id);

  /**
   * Whether {@code schema} could be registered under {@code subject} given its compatibility level. A subject with
   * no versions accepts anything.
   */
  CompatibilityResult testCompatibility(String subject, Schema schema);

  /**
   * Sets the compatibility level of one subject, or the global default when {@code subjectOrNullForGlobal} is null.
   */
  void setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level);

  /** Releases resources; the client must not be used afterwards. */
  @Override
  void close();
}
