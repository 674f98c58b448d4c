package io.platestream.topology.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;
import io.platestream.engine.PlateEngine;

/**
 * The application with the real recognition engine on a real (embedded, single-node KRaft) broker, exactly-once:
 * demo frames in; rejects, outcomes, reads, plate events, visits and an unmatched exit out, read with read_committed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FramesToVisitsIntegrationTest {

    private PlateEngine engine;

    @BeforeAll
    void loadEngine() {
        engine = PlateEngine.load();
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void framesBecomePlateEventsAndVisits(EmbeddedKafkaCluster kafka, @TempDir Path stateDir) throws Exception {
        FramesToVisitsScenario.run(kafka.bootstrapServers(), "frames-to-visits", stateDir, engine);
    }
}
