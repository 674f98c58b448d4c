package io.platestream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;
import io.platestream.engine.PlateEngine;

/**
 * What {@code platestream demo} does, end to end with the bundled frames and the real engine (replayed 8x faster
 * than the demo's pace): every frame is accounted for, the bad inputs are refused with their codes, every labelled
 * pass gets its event and the run ends by itself with a summary. How many plates the engine reads right is the
 * engine's business ({@code platestream eval}); the demo reports it, this test does not pin it.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DemoRunIntegrationTest {

    @Test
    void theBundledDemoProducesTheExpectedEventsAndVisits(EmbeddedKafkaCluster kafka) throws Exception {
        FrameManifest manifest = FrameManifest.fromClasspath(getClass().getClassLoader(), FrameManifest.DEMO_FRAMES)
                .orElseThrow();
        StringWriter text = new StringWriter();
        DemoRun.Result result;
        try (PlateEngine engine = PlateEngine.load()) {
            DemoRun.Settings settings = new DemoRun.Settings("demo-site", 8, Duration.ofMillis(2000), 1,
                    Duration.ofSeconds(90), Map.of(), BadFrames.injectionsFor(manifest));
            result = new DemoRun(kafka, engine, settings, new PrintWriter(text, true)).run(manifest);
        }

        ExpectedOutputs expected = result.expected();
        assertThat(result.complete()).as(text.toString()).isTrue();
        assertThat(result.framesSent()).isEqualTo(manifest.entries().size());
        assertThat(result.rejectsByCode()).containsExactlyInAnyOrderEntriesOf(
                Map.of("AIS.0101", 1, "AIS.0103", 1, "AIS.0106", 1, "AIS.0110", 1));
        assertThat(result.outcomes()).isEqualTo(manifest.entries().size());
        assertThat(expected.passes()).hasSize(13);
        assertThat(expected.visits()).hasSize(5);
        assertThat(expected.unmatched()).hasSize(1);
        assertThat(result.finals()).as(text.toString()).isGreaterThanOrEqualTo(expected.passes().size());
        assertThat(result.visits()).as(text.toString()).isPositive();
        assertThat(result.reads()).isPositive();
        assertThat(text.toString()).contains("EVENT", "VISIT", "REJECT   AIS.0106", "REJECT   AIS.0110", "Summary",
                "frames sent         56");
    }
}
