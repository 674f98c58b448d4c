package io.platestream.topology.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;

/**
 * The application on a real (embedded, single-node KRaft) broker with exactly-once processing: frames in, rejects,
 * outcomes, reads, plate events, visits and unmatched exits out, read back with read_committed.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FramesToVisitsIntegrationTest {

    @Test
    void framesBecomePlateEventsAndVisits(EmbeddedKafkaCluster kafka, @TempDir Path stateDir) throws Exception {
        FramesToVisitsScenario.run(kafka.bootstrapServers(), "frames-to-visits", stateDir);
    }
}
