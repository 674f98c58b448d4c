package io.platestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void parsesEveryKeyFromStrings() {
    RegistryConfig config = RegistryConfig.parse(Map.of(
        RegistryConfig.URL, "https://a.example:8081/, http://b.example:8081/apis/ccompat/v7",
        RegistryConfig.BASIC_AUTH_USER_INFO, "user:pa:ss",
        RegistryConfig.SSL_TRUSTSTORE_LOCATION, "/etc/ssl/registry.p12",
        RegistryConfig.SSL_TRUSTSTORE_PASSWORD, "changeit",
        RegistryConfig.SSL_TRUSTSTORE_TYPE, "jks",
        RegistryConfig.AUTO_REGISTER_SCHEMAS, "false",
        RegistryConfig.REQUEST_TIMEOUT_MS, "2500",
        "bootstrap.servers", "ignored:9092"));

    assertThat(config.urls()).containsExactly(URI.create("https://a.example:8081"),
        URI.create("http://b.example:8081/apis/ccompat/v7"));
    assertThat(config.basicAuthUserInfo()).hasValue("user:pa:ss");
    assertThat(config.truststoreLocation()).hasValueSatisfying(p -> assertThat(p).hasToString("/etc/ssl/registry.p12"));
    assertThat(config.truststorePassword()).hasValue("changeit");
    assertThat(config.truststoreType()).isEqualTo("JKS");
    assertThat(config.autoRegisterSchemas()).isFalse();
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void acceptsTypedValuesAndAppliesDefaults() {
    RegistryConfig typed = RegistryConfig.parse(Map.of(RegistryConfig.URL, List.of("http://r:8081"),
        RegistryConfig.AUTO_REGISTER_SCHEMAS, false, RegistryConfig.REQUEST_TIMEOUT_MS, 100));
    RegistryConfig defaults = RegistryConfig.parse(Map.of(RegistryConfig.URL, "http://r:8081"));

    assertThat(typed.autoRegisterSchemas()).isFalse();
    assertThat(typed.requestTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(defaults.autoRegisterSchemas()).isTrue();
    assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.truststoreType()).isEqualTo("PKCS12");
    assertThat(defaults.basicAuthUserInfo()).isEmpty();
    assertThat(RegistryConfig.autoRegisterSchemas(Map.of())).isTrue();
  }

  @Test
  void refusesMissingOrInvalidValuesNamingTheKey() {
    assertThatThrownBy(() -> RegistryConfig.parse(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryConfig.parse(Map.of(RegistryConfig.URL, "localhost:8081")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> RegistryConfig.parse(Map.of(RegistryConfig.URL, "http://r", RegistryConfig.BASIC_AUTH_USER_INFO, "nocolon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("user:password");
    assertThatThrownBy(() -> RegistryConfig.parse(Map.of(RegistryConfig.URL, "http://r", RegistryConfig.AUTO_REGISTER_SCHEMAS, "yes")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
    assertThatThrownBy(() -> RegistryConfig.parse(Map.of(RegistryConfig.URL, "http://r", RegistryConfig.REQUEST_TIMEOUT_MS, "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.request.timeout.ms");
  }

  @Test
  void toStringHidesCredentialsAndPasswords() {
    RegistryConfig config = RegistryConfig.parse(Map.of(RegistryConfig.URL, "http://r:8081",
        RegistryConfig.BASIC_AUTH_USER_INFO, "user:topsecret", RegistryConfig.SSL_TRUSTSTORE_PASSWORD, "storesecret"));

    assertThat(config.toString()).doesNotContain("topsecret", "storesecret").contains("[hidden]", "http://r:8081");
  }

  @Test
  void parsesCompatibilityLevelsLikeTheRegistrySpellsThem() {
    assertThat(CompatibilityLevel.parse("backward_transitive")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(CompatibilityLevel.FULL_TRANSITIVE.checksBackward()).isTrue();
    assertThat(CompatibilityLevel.FULL_TRANSITIVE.checksForward()).isTrue();
    assertThat(CompatibilityLevel.FORWARD.transitive()).isFalse();
    assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIDEWAYS").hasMessageContaining("BACKWARD");
  }
}
