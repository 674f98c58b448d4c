package io.platestream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class PlateStreamConfigTest {

    @Test
    void defaultsMatchTheTopicConstantsAndTheBrief() {
        PlateStreamConfig c = PlateStreamConfig.defaults();
        assertThat(c.topics()).isEqualTo(new PlateStreamConfig.TopicNames(Topics.IMAGES, Topics.REJECTED,
                Topics.READS, Topics.EVENTS, Topics.OUTCOMES, Topics.VISITS, Topics.UNMATCHED, Topics.EXPIRED,
                Topics.ENTRIES));
        assertThat(c.stores()).isEqualTo(new PlateStreamConfig.StoreNames(Topics.PASS_STORE, Topics.ENTRIES_STORE,
                Topics.CLOSED_ENTRIES_STORE));
        assertThat(c.passGap()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.passFlushIdle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.passPunctuateInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.passMaxReads()).isEqualTo(50);
        assertThat(c.maxStay()).isEqualTo(Duration.ofDays(30));
        assertThat(c.expiryScanInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.closedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.previewThreshold("any-camera")).isEmpty();
        assertThat(c.frameUriRoot()).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void streamsPropertiesDefaultToExactlyOnceV2() {
        Properties p = PlateStreamConfig.defaults().streamsProperties();
        assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("platestream");
        assertThat(p.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:9092");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("kafka.") || k.startsWith("pass."));
        // Kafka Streams accepts them
        new StreamsConfig(p);
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() {
        Properties file = new Properties();
        file.setProperty("pass.gap.ms", "2000");
        file.setProperty("pairing.max.stay.ms", "P10D");
        file.setProperty("kafka.bootstrap.servers", "broker-a:9092");
        file.setProperty("topic.images", "gate.images");
        Map<String, String> env = Map.of(
                "PLATESTREAM_PASS_GAP_MS", "2500",
                "PLATESTREAM_KAFKA_BOOTSTRAP_SERVERS", "broker-b:9092",
                "PLATESTREAM_KAFKA_APPLICATION_ID", "plates-east",
                "PLATESTREAM_REGISTRY_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "HOME", "/root");
        PlateStreamConfig c = PlateStreamConfig.load(file, env);
        assertThat(c.passGap()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.maxStay()).isEqualTo(Duration.ofDays(10));
        assertThat(c.topics().images()).isEqualTo("gate.images");
        assertThat(c.applicationId()).isEqualTo("plates-east");
        assertThat(c.streamsProperties().getProperty("bootstrap.servers")).isEqualTo("broker-b:9092");
        assertThat(c.registryConfig()).containsEntry("schema.registry.url", "http://registry:8081");
    }

    @Test
    void envNamesMapToKeysBothWays() {
        assertThat(PlateStreamConfig.envToKey("PLATESTREAM_PASS_GAP_MS")).isEqualTo("pass.gap.ms");
        assertThat(PlateStreamConfig.keyToEnv("pairing.max.stay.ms")).isEqualTo("PLATESTREAM_PAIRING_MAX_STAY_MS");
        assertThat(PlateStreamConfig.keyToEnv("kafka.bootstrap.servers"))
                .isEqualTo("PLATESTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void unknownFileKeyIsAnErrorUnknownEnvIsAWarning() {
        Properties file = new Properties();
        file.setProperty("pass.gap", "2000");
        assertThatThrownBy(() -> PlateStreamConfig.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass.gap");
        PlateStreamConfig c = PlateStreamConfig.load(new Properties(), Map.of("PLATESTREAM_PASS_GAPP_MS", "1"));
        assertThat(c.passGap()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.warnings()).singleElement().asString().contains("PLATESTREAM_PASS_GAPP_MS");
    }

    @Test
    void previewThresholdsPerCamera() {
        PlateStreamConfig c = PlateStreamConfig.defaults().with(Map.of(
                "pass.preview.threshold", "0.95",
                "pass.preview.cameras", "gate-1-in:0.8, gate-2-in:off"));
        assertThat(c.previewThreshold("gate-1-in")).isEqualTo(OptionalDouble.of(0.8));
        assertThat(c.previewThreshold("gate-2-in")).isEmpty();
        assertThat(c.previewThreshold("gate-3-in")).isEqualTo(OptionalDouble.of(0.95));
    }

    @Test
    void invalidValuesAreRefusedWithTheKey() {
        PlateStreamConfig d = PlateStreamConfig.defaults();
        assertThatThrownBy(() -> d.with(Map.of("pass.gap.ms", "soon")))
                .hasMessageContaining("pass.gap.ms");
        assertThatThrownBy(() -> d.with(Map.of("pass.gap.ms", "0")))
                .hasMessageContaining("pass.gap.ms");
        assertThatThrownBy(() -> d.with(Map.of("pass.preview.threshold", "1.5")))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> d.with(Map.of("pass.preview.cameras", "gate-1-in")))
                .hasMessageContaining("camera:threshold");
        assertThatThrownBy(() -> d.with(Map.of("pass.flush.idle.ms", "1000")))
                .hasMessageContaining("pass.flush.idle.ms");
        assertThatThrownBy(() -> d.with(Map.of("topic.visits", "images")))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> d.with(Map.of("kafka.bootstrap.servers", " ")))
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void frameUriRootIsNormalised() {
        PlateStreamConfig c = PlateStreamConfig.defaults().with(Map.of("frame.uri.root", "/data/frames/../frames"));
        assertThat(c.frameUriRoot()).contains(Path.of("/data/frames"));
    }
}
