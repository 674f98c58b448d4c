package io.platestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.platestream.schemas.CameraFrame;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link RestSchemaRegistryClient} sends and how it reads answers, against a scripted HTTP server. */
class RestSchemaRegistryClientTest {

  private static final String CT = RestSchemaRegistryClient.CONTENT_TYPE;
  private static final Schema SCHEMA = CameraFrame.getClassSchema();
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeRegistryServer server;
  private RestSchemaRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeRegistryServer.http();
    client = RestSchemaRegistryClient.fromConfig(Map.of(RegistryConfig.URL, server.url("http") + "/apis/ccompat/v7/",
        RegistryConfig.REQUEST_TIMEOUT_MS, "5000"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String schemaJson(Schema schema) {
    return JsonNodeFactory.instance.objectNode().put("schema", schema.toString()).toString();
  }

  @Test
  void registersWithTheRegistryContentTypeAndCachesTheId() throws Exception {
    server.answer("POST", "/apis/ccompat/v7/subjects/images-value/versions", 200, "{\"id\":21}");

    assertThat(client.register("images-value", SCHEMA)).isEqualTo(21);
    assertThat(client.register("images-value", SCHEMA)).isEqualTo(21);
    assertThat(client.lookup("images-value", SCHEMA)).hasValue(21);
    assertThat(client.getById(21)).isEqualTo(SCHEMA);

    assertThat(server.received).hasSize(1);
    FakeRegistryServer.Received request = server.received.get(0);
    assertThat(request.header("Content-Type")).isEqualTo(CT);
    assertThat(request.header("Accept")).startsWith(CT);
    assertThat(request.header("Authorization")).isNull();
    JsonNode body = JSON.readTree(request.body());
    assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
  }

  @Test
  void looksUpAndTreatsUnknownSubjectOrSchemaAsNotRegistered() {
    server.answer("POST", "/apis/ccompat/v7/subjects/a-value", 200,
        "{\"subject\":\"a-value\",\"version\":3,\"id\":7,\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + "}");
    server.answer("POST", "/apis/ccompat/v7/subjects/b-value", 404,
        "{\"error_code\":40401,\"message\":\"Subject 'b-value' not found.\"}");
    server.answer("POST", "/apis/ccompat/v7/subjects/c-value", 404,
        "{\"error_code\":40403,\"message\":\"Schema not found\"}");

    assertThat(client.lookup("a-value", SCHEMA)).hasValue(7);
    assertThat(client.lookup("a-value", SCHEMA)).hasValue(7);
    assertThat(client.lookup("b-value", SCHEMA)).isEmpty();
    assertThat(client.lookup("c-value", SCHEMA)).isEmpty();
    assertThat(server.count("POST", "/apis/ccompat/v7/subjects/a-value")).isEqualTo(1);
  }

  @Test
  void aPlain404IsAnErrorNotANegativeLookup() {
    // e.g. a wrong base URL: must not be mistaken for "schema not registered"
    assertThatThrownBy(() -> client.lookup("x-value", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(404);
        })
        .hasMessageContaining("HTTP 404 Not Found");
  }

  @Test
  void getsSchemasByIdOnceAndReportsUnknownIdsWithTheRegistryMessage() {
    server.answer("GET", "/apis/ccompat/v7/schemas/ids/5", 200,
        "{\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + ",\"schemaType\":\"AVRO\",\"references\":[]}");
    server.answer("GET", "/apis/ccompat/v7/schemas/ids/6", 404,
        "{\"error_code\":40403,\"message\":\"No content with ID '6' was found.\"}");

    Schema first = client.getById(5);
    assertThat(first).isEqualTo(SCHEMA);
    assertThat(client.getById(5)).isSameAs(first);
    assertThat(server.count("GET", "/apis/ccompat/v7/schemas/ids/5")).isEqualTo(1);
    assertThat(server.received.get(0).header("Content-Type")).isNull();

    assertThatThrownBy(() -> client.getById(6))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        })
        .hasMessageContaining("GET ")
        .hasMessageContaining("/schemas/ids/6")
        .hasMessageContaining("No content with ID '6' was found.");
  }

  @Test
  void refusesANonAvroSchemaById() {
    server.answer("GET", "/apis/ccompat/v7/schemas/ids/8", 200,
        "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

    assertThatThrownBy(() -> client.getById(8))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("PROTOBUF schema, not an Avro schema");
  }

  @Test
  void mapsAnIncompatibleRegistrationTo409WithTheRegistryMessage() {
    server.answer("POST", "/apis/ccompat/v7/subjects/images-value/versions", 409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

    assertThatThrownBy(() -> client.register("images-value", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        })
        .hasMessageContaining("POST ")
        .hasMessageContaining("/subjects/images-value/versions")
        .hasMessageContaining("Schema being registered is incompatible with an earlier schema");
  }

  @Test
  void reportsANonJsonErrorBodyAsIs() {
    server.answer("PUT", "/apis/ccompat/v7/config", 502, "Bad gateway from the proxy");

    assertThatThrownBy(() -> client.setCompatibility(null, CompatibilityLevel.FULL))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NOT_AVAILABLE);
        })
        .hasMessageContaining("Bad gateway from the proxy");
  }

  @Test
  void testsCompatibilityVerboselyAndReadsTheMessages() {
    String path = "/apis/ccompat/v7/compatibility/subjects/%s/versions/latest?verbose=true";
    server.answer("POST", path.formatted("ok-value"), 200, "{\"is_compatible\":true}");
    server.answer("POST", path.formatted("bad-value"), 200,
        "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE at /fields/9\",\"second\"]}");
    server.answer("POST", path.formatted("terse-value"), 200, "{\"is_compatible\":false}");
    server.answer("POST", path.formatted("new-value"), 404,
        "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");

    assertThat(client.testCompatibility("ok-value", SCHEMA)).isEqualTo(CompatibilityResult.ok());
    assertThat(client.testCompatibility("bad-value", SCHEMA))
        .isEqualTo(CompatibilityResult.incompatible(List.of("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/9", "second")));
    CompatibilityResult terse = client.testCompatibility("terse-value", SCHEMA);
    assertThat(terse.compatible()).isFalse();
    assertThat(terse.messages()).singleElement().asString().contains("gave no details", "terse-value");
    assertThat(client.testCompatibility("new-value", SCHEMA).compatible()).isTrue();
    assertThat(server.received).allSatisfy(r -> assertThat(r.header("Content-Type")).isEqualTo(CT));
  }

  @Test
  void setsGlobalAndSubjectCompatibility() throws Exception {
    server.answer("PUT", "/apis/ccompat/v7/config", 200, "{\"compatibility\":\"BACKWARD\"}");
    server.answer("PUT", "/apis/ccompat/v7/config/images-value", 200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");

    client.setCompatibility(null, CompatibilityLevel.BACKWARD);
    client.setCompatibility("images-value", CompatibilityLevel.FULL_TRANSITIVE);

    assertThat(server.received).extracting(FakeRegistryServer.Received::method).containsExactly("PUT", "PUT");
    assertThat(JSON.readTree(server.received.get(0).body()).get("compatibility").asText()).isEqualTo("BACKWARD");
    assertThat(JSON.readTree(server.received.get(1).body()).get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
  }

  @Test
  void encodesSubjectsAsOnePathSegment() {
    server.answer("POST", "/apis/ccompat/v7/subjects/gate%20a%2Fimages-value/versions", 200, "{\"id\":3}");

    assertThat(client.register("gate a/images-value", SCHEMA)).isEqualTo(3);
  }

  @Test
  void sendsBasicAuthFromUserInfo() {
    server.answer("GET", "/schemas/ids/1", 200, "{\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + "}");
    try (RestSchemaRegistryClient authenticated = RestSchemaRegistryClient.fromConfig(Map.of(
        RegistryConfig.URL, server.url("http"), RegistryConfig.BASIC_AUTH_USER_INFO, "svc-platestream:s3cr:et"))) {
      authenticated.getById(1);
    }

    String expected = Base64.getEncoder().encodeToString("svc-platestream:s3cr:et".getBytes(StandardCharsets.UTF_8));
    assertThat(server.received.get(0).header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void reportsAnUnreachableRegistryAndFailsOverToTheNextUrl() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + closedPort;
    try (RestSchemaRegistryClient unreachable = RestSchemaRegistryClient.fromConfig(Map.of(RegistryConfig.URL, dead))) {
      assertThatThrownBy(() -> unreachable.getById(1))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NOT_AVAILABLE);
            assertThat(e.getCause()).isNotNull();
          })
          .hasMessageContaining("Could not reach the schema registry")
          .hasMessageContaining(dead);
    }

    server.answer("GET", "/schemas/ids/1", 200, "{\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + "}");
    try (RestSchemaRegistryClient failover = RestSchemaRegistryClient.fromConfig(
        Map.of(RegistryConfig.URL, dead + "," + server.url("http")))) {
      assertThat(failover.getById(1)).isEqualTo(SCHEMA);
    }
  }

  @Test
  void trustsAnHttpsRegistryThroughTheConfiguredTruststore() throws Exception {
    try (FakeRegistryServer tls = FakeRegistryServer.https("/tls/server.p12", "changeit")) {
      tls.answer("GET", "/schemas/ids/4", 200, "{\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + "}");
      for (String[] store : new String[][] {{"truststore.p12", "PKCS12"}, {"truststore.jks", "jks"}}) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryConfig.URL, tls.url("https"));
        config.put(RegistryConfig.SSL_TRUSTSTORE_LOCATION, resource(store[0]).toString());
        config.put(RegistryConfig.SSL_TRUSTSTORE_PASSWORD, "changeit");
        config.put(RegistryConfig.SSL_TRUSTSTORE_TYPE, store[1]);
        try (RestSchemaRegistryClient trusting = RestSchemaRegistryClient.fromConfig(config)) {
          assertThat(trusting.getById(4)).isEqualTo(SCHEMA);
        }
      }

      // the JVM's default trust store does not know the self-signed certificate
      try (RestSchemaRegistryClient untrusting = RestSchemaRegistryClient.fromConfig(
          Map.of(RegistryConfig.URL, tls.url("https")))) {
        assertThatThrownBy(() -> untrusting.getById(4))
            .isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NOT_AVAILABLE))
            .hasMessageContaining("Could not reach the schema registry");
      }
    }
  }

  @Test
  void aWrongTruststorePasswordIsAConfigError() throws Exception {
    Map<String, Object> config = Map.of(RegistryConfig.URL, "https://localhost:1",
        RegistryConfig.SSL_TRUSTSTORE_LOCATION, resource("truststore.p12").toString(),
        RegistryConfig.SSL_TRUSTSTORE_PASSWORD, "wrong");

    assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot load the PKCS12 trust store")
        .hasMessageContaining("truststore.p12");
  }

  private static Path resource(String name) throws Exception {
    return Path.of(RestSchemaRegistryClientTest.class.getResource("/tls/" + name).toURI());
  }
}
