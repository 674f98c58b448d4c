package io.platestream.topology.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.platestream.engine.PlateEngine;

/**
 * The same frames-in, visits-out flow as {@link FramesToVisitsIntegrationTest}, against the official Apache Kafka
 * broker image in Docker instead of the embedded one: proves the application works with a broker of another version
 * in another process. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerBrokerIntegrationTest {

    /** A single KRaft node; one replica is enough for the transaction and offsets topics. */
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"))
            .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");

    @Test
    void framesBecomePlateEventsAndVisitsOnABrokerInDocker(@TempDir Path stateDir) throws Exception {
        try (PlateEngine engine = PlateEngine.load()) {
            FramesToVisitsScenario.run(KAFKA.getBootstrapServers(), "docker-frames-to-visits", stateDir, engine);
        }
    }
}
