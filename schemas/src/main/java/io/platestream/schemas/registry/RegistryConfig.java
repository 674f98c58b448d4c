package io.platestream.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of a schema registry client: the key names (the ones Confluent's clients use, so existing property
 * files keep working) and their parsed, validated values.
 *
 * <p>Values in the map may be strings (from a properties file or the environment) or already typed objects
 * ({@code Boolean}, {@code Number}, {@code List}). Invalid values raise Kafka's {@link ConfigException} naming the key.
 * {@link #toString()} never shows the password or the credentials.
 */
public final class RegistryConfig {

  /** Base URL(s) of the registry, comma separated; tried in order when one cannot be reached. Required. */
  public static final String URL = "schema.registry.url";
  /** Basic authentication credentials as {@code user:password}. Optional. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  /** Where the credentials come from; only {@code USER_INFO} (the default) is supported. */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  /** Trust store with the registry's CA (or certificate), for an https URL. Optional: the JVM's default otherwise. */
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  /** Password of the trust store. Optional. */
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  /** Type of the trust store, e.g. {@code PKCS12} or {@code JKS}; default {@value #DEFAULT_TRUSTSTORE_TYPE}. */
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  /**
   * Whether serializers register the writer schema (true) or only look it up and fail if it is not registered
   * (false, what production should use: schemas are registered by the release pipeline). Default {@value
   * #DEFAULT_AUTO_REGISTER_SCHEMAS}, as in Confluent's serializers.
   */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** Connect and request timeout in milliseconds; default {@value #DEFAULT_REQUEST_TIMEOUT_MS}. */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  /** Default of {@link #SSL_TRUSTSTORE_TYPE}. */
  public static final String DEFAULT_TRUSTSTORE_TYPE = "PKCS12";
  /** Default of {@link #AUTO_REGISTER_SCHEMAS}. */
  public static final boolean DEFAULT_AUTO_REGISTER_SCHEMAS = true;
  /** Default of {@link #REQUEST_TIMEOUT_MS}. */
  public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

  private final List<URI> urls;
  private final String userInfo;
  private final Path truststoreLocation;
  private final String truststorePassword;
  private final String truststoreType;
  private final boolean autoRegisterSchemas;
  private final Duration requestTimeout;

  private RegistryConfig(List<URI> urls, String userInfo, Path truststoreLocation, String truststorePassword,
      String truststoreType, boolean autoRegisterSchemas, Duration requestTimeout) {
    this.urls = List.copyOf(urls);
    this.userInfo = userInfo;
    this.truststoreLocation = truststoreLocation;
    this.truststorePassword = truststorePassword;
    this.truststoreType = truststoreType;
    this.autoRegisterSchemas = autoRegisterSchemas;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Parses and validates the registry keys of {@code config}; other keys are ignored, so the same map may hold Kafka
   * client or Streams settings.
   *
   * @throws ConfigException if the URL is missing or a value is invalid
   */
  public static RegistryConfig parse(Map<String, ?> config) {
    List<URI> urls = parseUrls(config.get(URL));
    String userInfo = string(config, BASIC_AUTH_USER_INFO);
    if (userInfo != null && userInfo.indexOf(':') < 0) {
      throw new ConfigException(BASIC_AUTH_USER_INFO + " must be 'user:password' (no ':' found)");
    }
    String source = string(config, BASIC_AUTH_CREDENTIALS_SOURCE);
    if (source != null && !source.equalsIgnoreCase("USER_INFO")) {
      throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "only USER_INFO is supported");
    }
    String location = string(config, SSL_TRUSTSTORE_LOCATION);
    String type = string(config, SSL_TRUSTSTORE_TYPE);
    boolean autoRegister = bool(config, AUTO_REGISTER_SCHEMAS, DEFAULT_AUTO_REGISTER_SCHEMAS);
    long timeoutMs = number(config, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS);
    if (timeoutMs <= 0) {
      throw new ConfigException(REQUEST_TIMEOUT_MS, timeoutMs, "must be a positive number of milliseconds");
    }
    return new RegistryConfig(urls, userInfo, location == null ? null : Path.of(location),
        string(config, SSL_TRUSTSTORE_PASSWORD), type == null ? DEFAULT_TRUSTSTORE_TYPE : type.toUpperCase(Locale.ROOT),
        autoRegister, Duration.ofMillis(timeoutMs));
  }

  /** The value of {@link #AUTO_REGISTER_SCHEMAS} in {@code config}, or its default; needs no URL. */
  public static boolean autoRegisterSchemas(Map<String, ?> config) {
    return bool(config, AUTO_REGISTER_SCHEMAS, DEFAULT_AUTO_REGISTER_SCHEMAS);
  }

  /** Base URLs, in the order they are tried, without trailing slashes. */
  public List<URI> urls() {
    return urls;
  }

  /** The {@code user:password} credentials, if configured. */
  public Optional<String> basicAuthUserInfo() {
    return Optional.ofNullable(userInfo);
  }

  /** The trust store file, if configured. */
  public Optional<Path> truststoreLocation() {
    return Optional.ofNullable(truststoreLocation);
  }

  /** The trust store password, if configured. */
  public Optional<String> truststorePassword() {
    return Optional.ofNullable(truststorePassword);
  }

  /** The trust store type, upper case. */
  public String truststoreType() {
    return truststoreType;
  }

  /** Whether serializers should register schemas. */
  public boolean autoRegisterSchemas() {
    return autoRegisterSchemas;
  }

  /** Connect and request timeout. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "RegistryConfig{urls=" + urls + ", basicAuth=" + (userInfo == null ? "none" : "[hidden]")
        + ", truststore=" + (truststoreLocation == null ? "JVM default" : truststoreLocation + " (" + truststoreType + ")")
        + ", autoRegisterSchemas=" + autoRegisterSchemas + ", requestTimeout=" + requestTimeout + "}";
  }

  private static List<URI> parseUrls(Object value) {
    List<String> raw = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> raw.add(String.valueOf(v)));
    } else if (value != null) {
      raw.addAll(List.of(value.toString().split(",")));
    }
    List<URI> urls = new ArrayList<>();
    for (String s : raw) {
      String trimmed = s.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      while (trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      URI uri;
      try {
        uri = new URI(trimmed);
      } catch (URISyntaxException e) {
        throw new ConfigException(URL, trimmed, "not a valid URL: " + e.getMessage());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(URL, trimmed, "expected an http:// or https:// URL with a host");
      }
      urls.add(uri);
    }
    if (urls.isEmpty()) {
      throw new ConfigException("Missing required configuration '" + URL
          + "': the schema registry base URL, e.g. http://localhost:8081");
    }
    return urls;
  }

  private static String string(Map<String, ?> config, String key) {
    Object value = config.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof org.apache.kafka.common.config.types.Password password) {
      value = password.value();
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }

  private static boolean bool(Map<String, ?> config, String key, boolean defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw new ConfigException(key, value, "expected true or false");
  }

  private static long number(Map<String, ?> config, String key, long defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected a whole number");
    }
  }
}
