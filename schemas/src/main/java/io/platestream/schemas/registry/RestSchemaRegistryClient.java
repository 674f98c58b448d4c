package io.platestream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over {@link HttpClient}; works with
 * Confluent's registry and with registries that implement its API (e.g. Apicurio Registry at {@code /apis/ccompat/v7}).
 *
 * <p>Endpoints used: {@code POST /subjects/{s}/versions} (register), {@code POST /subjects/{s}} (look up),
 * {@code GET /schemas/ids/{id}}, {@code POST /compatibility/subjects/{s}/versions/latest?verbose=true},
 * {@code PUT /config} and {@code PUT /config/{s}}, all with content type
 * {@value #CONTENT_TYPE}. Basic authentication and a custom trust store come from {@link RegistryConfig}.
 *
 * <p>Thread safe. Registered and looked-up ids (per subject and schema text) and schemas (per id) are cached for the
 * life of the client: ids and schema texts never change in a registry. Every refusal by the registry becomes a
 * {@link SchemaRegistryException} carrying the HTTP status, the registry's {@code error_code} and its message; a
 * registry that cannot be reached becomes one with status {@link SchemaRegistryException#NOT_AVAILABLE}. With several
 * URLs, the next one is tried when one cannot be reached.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** Content type of every request and of the registry's answers. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, "
      + "application/json; qs=0.5";
  private static final int MAX_ERROR_BODY = 500;

  private final RegistryConfig config;
  private final HttpClient http;
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, String schemaText) {}

  private RestSchemaRegistryClient(RegistryConfig config) {
    this.config = config;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(config.requestTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (config.truststoreLocation().isPresent()) {
      builder.sslContext(sslContext(config));
    }
    this.http = builder.build();
    this.authorization = config.basicAuthUserInfo()
        .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
        .orElse(null);
  }

  /**
   * Creates a client from configuration keys named in {@link RegistryConfig}.
   *
   * @throws ConfigException if the configuration is invalid or the trust store cannot be loaded
   */
  public static RestSchemaRegistryClient fromConfig(Map<String, ?> config) {
    return new RestSchemaRegistryClient(RegistryConfig.parse(config));
  }

  /** The configuration in use (credentials hidden in its {@code toString}). */
  public RegistryConfig config() {
    return config;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), schema.toString());
    Integer cached = registered.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(key.schemaText()));
    int id = requiredInt(answer, "id", "register");
    registered.putIfAbsent(key, id);
    lookedUp.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public OptionalInt lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), schema.toString());
    Integer cached = lookedUp.get(key);
    if (cached != null) {
      return OptionalInt.of(cached);
    }
    JsonNode answer;
    try {
      answer = send("POST", "/subjects/" + encode(subject), schemaBody(key.schemaText()));
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404 && (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND)) {
        return OptionalInt.empty();
      }
      throw e;
    }
    int id = requiredInt(answer, "id", "lookup");
    lookedUp.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return OptionalInt.of(id);
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "/schemas/ids/" + id, null);
    String type = answer.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new SchemaRegistryException("Schema " + id + " is a " + type + " schema, not an Avro schema", 200,
          SchemaRegistryException.NOT_AVAILABLE);
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException("The registry's answer for schema " + id + " has no 'schema' text: "
          + truncate(answer.toString()), 200, SchemaRegistryException.NOT_AVAILABLE);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      String references = answer.path("references").isArray() && !answer.path("references").isEmpty()
          ? " (it uses schema references, which this client does not resolve)" : "";
      throw new SchemaRegistryException("Schema " + id + " from the registry is not a valid Avro schema" + references
          + ": " + e.getMessage(), 200, SchemaRegistryException.INVALID_SCHEMA, e);
    }
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    String path = "/compatibility/subjects/" + encode(requireSubject(subject)) + "/versions/latest?verbose=true";
    JsonNode answer;
    try {
      answer = send("POST", path, schemaBody(schema.toString()));
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404 && (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND)) {
        return CompatibilityResult.ok(); // nothing registered yet: anything is compatible
      }
      throw e;
    }
    JsonNode verdict = answer.get("is_compatible");
    if (verdict == null || !verdict.isBoolean()) {
      throw new SchemaRegistryException("The registry's compatibility answer for subject '" + subject
          + "' has no boolean 'is_compatible': " + truncate(answer.toString()), 200, SchemaRegistryException.NOT_AVAILABLE);
    }
    if (verdict.asBoolean()) {
      return CompatibilityResult.ok();
    }
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    if (messages.isEmpty()) {
      messages.add("the registry reports the schema incompatible with the latest version of subject '" + subject
          + "' (it gave no details)");
    }
    return CompatibilityResult.incompatible(messages);
  }

  @Override
  public void setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level) {
    Objects.requireNonNull(level, "level");
    String path = subjectOrNullForGlobal == null ? "/config" : "/config/" + encode(requireSubject(subjectOrNullForGlobal));
    ObjectNode body = json.createObjectNode().put("compatibility", level.name());
    send("PUT", path, body.toString());
  }

  /** Drops the caches; the underlying {@link HttpClient} is released when no longer referenced. */
  @Override
  public void close() {
    registered.clear();
    lookedUp.clear();
    schemasById.clear();
  }

  private String schemaBody(String schemaText) {
    return json.createObjectNode().put("schema", schemaText).toString();
  }

  /**
   * Sends a request to the first reachable URL and returns the parsed JSON answer of a 2xx response.
   *
   * @throws SchemaRegistryException for any other status (with the registry's error code and message) or when no
   *     URL could be reached
   */
  private JsonNode send(String method, String path, String body) {
    IOException lastFailure = null;
    for (URI base : config.urls()) {
      URI uri = URI.create(base + path);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(config.requestTimeout())
          .header("Accept", ACCEPT)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        lastFailure = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted while calling the schema registry: " + method + " " + uri,
            SchemaRegistryException.NOT_AVAILABLE, SchemaRegistryException.NOT_AVAILABLE, e);
      }
      return handle(method, uri, response);
    }
    throw new SchemaRegistryException("Could not reach the schema registry at " + config.urls() + " for " + method
        + " " + path + ": " + describe(lastFailure), SchemaRegistryException.NOT_AVAILABLE,
        SchemaRegistryException.NOT_AVAILABLE, lastFailure);
  }

  private JsonNode handle(String method, URI uri, HttpResponse<String> response) {
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    JsonNode answer = null;
    try {
      answer = text.isBlank() ? json.createObjectNode() : json.readTree(text);
    } catch (IOException e) {
      if (status / 100 == 2) {
        throw new SchemaRegistryException("The schema registry answered " + method + " " + uri + " with HTTP " + status
            + " but the body is not JSON: " + truncate(text), status, SchemaRegistryException.NOT_AVAILABLE, e);
      }
    }
    if (status / 100 == 2) {
      return answer;
    }
    int errorCode = SchemaRegistryException.NOT_AVAILABLE;
    String message = truncate(text);
    if (answer != null && answer.isObject()) {
      errorCode = answer.path("error_code").asInt(SchemaRegistryException.NOT_AVAILABLE);
      if (answer.hasNonNull("message")) {
        message = answer.get("message").asText();
      }
    }
    if (message.isBlank()) {
      message = "(no message)";
    }
    throw new SchemaRegistryException("Schema registry refused " + method + " " + uri + ": HTTP " + status
        + ", error code " + errorCode + ": " + message, status, errorCode);
  }

  private static int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException("The registry's " + what + " answer has no integer '" + field + "': "
          + truncate(answer.toString()), 200, SchemaRegistryException.NOT_AVAILABLE);
    }
    return value.asInt();
  }

  private static String requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be null or blank");
    }
    return subject;
  }

  /** Percent-encodes one path segment (spaces as %20, not '+'). */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_BODY ? text : text.substring(0, MAX_ERROR_BODY) + "...";
  }

  private static String describe(Throwable failure) {
    if (failure == null) {
      return "no URL configured";
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static SSLContext sslContext(RegistryConfig config) {
    var location = config.truststoreLocation().orElseThrow();
    char[] password = config.truststorePassword().map(String::toCharArray).orElse(null);
    try (InputStream in = Files.newInputStream(location)) {
      KeyStore trustStore = KeyStore.getInstance(config.truststoreType());
      trustStore.load(in, password);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("Cannot load the " + config.truststoreType() + " trust store " + location + " ("
          + RegistryConfig.SSL_TRUSTSTORE_LOCATION + "): " + describe(e));
    }
  }
}
