package io.platestream.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A scripted HTTP(S) server on a free loopback port that answers requests by "METHOD path?query" and records what it
 * received, to check what {@link RestSchemaRegistryClient} puts on the wire. Not a registry: each answer is given by
 * the test.
 */
final class FakeRegistryServer implements AutoCloseable {

  /** One request as received. */
  record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  private FakeRegistryServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeRegistryServer http() throws IOException {
    return new FakeRegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static FakeRegistryServer https(String keystoreResource, String password) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = FakeRegistryServer.class.getResourceAsStream(keystoreResource)) {
      keyStore.load(in, password.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, password.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new FakeRegistryServer(server);
  }

  /** Answers {@code method pathAndQuery} with {@code status} and a JSON body. */
  FakeRegistryServer answer(String method, String pathAndQuery, int status, String body) {
    answers.put(method + " " + pathAndQuery, new Answer(status, body));
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String scheme) {
    return scheme + "://" + (scheme.equals("https") ? "localhost" : "127.0.0.1") + ":" + port();
  }

  long count(String method, String pathAndQuery) {
    return received.stream().filter(r -> r.method().equals(method) && r.pathAndQuery().equals(pathAndQuery)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String pathAndQuery = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(exchange.getRequestMethod(), pathAndQuery, Map.copyOf(exchange.getRequestHeaders()), body));
    Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + pathAndQuery,
        new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
