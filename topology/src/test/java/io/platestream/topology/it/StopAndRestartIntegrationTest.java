package io.platestream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.platestream.app.ReplaceThreadHandler;
import io.platestream.app.StreamsApp;
import io.platestream.app.demo.FrameManifest;
import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.Recognition;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.Visit;

/**
 * Interrupts the application in the middle of a stream, with exactly-once processing, and checks as a read_committed
 * consumer that every visit is there once: none lost, none duplicated.
 * <ul>
 *   <li>Stop and restart: the instance is closed while a vehicle pass is half read and visits are being made, and a
 *       new instance with the same application.id and an empty state directory takes over (its state comes back from
 *       the changelog topics); the pass that straddles the restart is one pass with all its reads.</li>
 *   <li>Crash: a stream thread dies of an Error in the middle of a transaction; the uncaught-exception handler replaces
 *       it, the open transaction is aborted and the new thread processes the frames again from the last commit.</li>
 * </ul>
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StopAndRestartIntegrationTest {

    private static final List<String> CARS = List.of("皖AF3425", "粤B12345", "京N8P8F8", "沪C77889", "苏E5R261", "浙A0K9Q8");
    private static final String ENTRY_SENTINEL = "鲁B66666";
    private static final String EXIT_SENTINEL = "川A88888";

    @Test
    void noVisitIsLostOrDuplicatedAcrossAStopAndRestart(EmbeddedKafkaCluster kafka, @TempDir Path tmp) throws Exception {
        ScriptedRecognizer engine = new ScriptedRecognizer();
        TestFrames frames = new TestFrames((plate, n) -> {
            byte[] image = TestFrames.drawn(plate, n);
            engine.register(image, plate);
            return image;
        });
        for (int i = 0; i < CARS.size(); i++) {
            frames.pass(CARS.get(i), Direction.ENTRY, i * 5_000L, 3, 200);
            frames.pass(CARS.get(i), Direction.EXIT, 60_000 + i * 5_000L, i == 3 ? 4 : 3, 200);
        }
        // One more car per lane, 15 s after the rest: its read closes the lane's last pass by event time.
        frames.pass(ENTRY_SENTINEL, Direction.ENTRY, 40_000, 1, 0);
        frames.pass(EXIT_SENTINEL, Direction.EXIT, 110_000, 1, 0);
        FrameManifest all = frames.manifest();
        long straddlingExit = 60_000 + 3 * 5_000L;  // car 4 leaves: two frames before the stop, two after

        Map<String, String> settings = Map.of(
                "pass.gap.ms", "2000",
                // passes close by event time only, whatever the restart takes
                "pass.flush.idle.ms", "600000");
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "stop-and-restart", engine, settings)) {
            StreamsApp first = pipeline.startApp(Files.createDirectory(tmp.resolve("state-1")));
            int sent = pipeline.send(all.subset(e -> e.direction() == Direction.ENTRY), List.of()).size();
            pipeline.await("six entry passes", Duration.ofSeconds(60), () -> pipeline.finals().size() >= 6);

            FrameManifest beforeStop = all.subset(e -> e.direction() == Direction.EXIT
                    && e.offsetMs() <= straddlingExit + 200);
            sent += pipeline.send(beforeStop, List.of()).size();
            // Stop while the exits are being processed: after the first visit, with frames possibly still unread or
            // inside an open transaction, and the fourth car's exit pass half read.
            pipeline.await("the first visit", Duration.ofSeconds(60),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= 1);
            assertThat(first.close(Duration.ofSeconds(30))).isTrue();
            assertThat(first.state()).hasToString("NOT_RUNNING");
            pipeline.startApp(Files.createDirectory(tmp.resolve("state-2")));

            sent += pipeline.send(all.subset(e -> e.direction() == Direction.EXIT
                    && e.offsetMs() > straddlingExit + 200), List.of()).size();
            int total = sent;
            pipeline.await("all six visits", Duration.ofSeconds(60),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= 6 && pipeline.accountedFrames() >= total);
            pipeline.app().close(Duration.ofSeconds(30));

            List<Visit> visits = pipeline.readCommitted(pipeline.topics.visits(),
                    pipeline.serdes.valueSerde(Visit.class).deserializer());
            assertThat(visits).hasSize(CARS.size());
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();
            assertThat(visits).extracting(Visit::getPlateNumber).containsExactlyInAnyOrderElementsOf(CARS);
            Visit straddling = visits.stream().filter(v -> v.getPlateNumber().equals(CARS.get(3))).findFirst().orElseThrow();
            assertThat(straddling.getExit().getTime()).isEqualTo(pipeline.start.plusMillis(straddlingExit + 600));

            List<PlateEvent> finals = pipeline.readCommitted(pipeline.topics.events(),
                    pipeline.serdes.valueSerde(PlateEvent.class).deserializer()).stream()
                    .filter(e -> e.getStatus() == EventStatus.FINAL).toList();
            assertThat(finals).extracting(PlateEvent::getEventId).doesNotHaveDuplicates();
            assertThat(finals).hasSize(2 * CARS.size());  // the two sentinel passes are still open
            assertThat(finals).filteredOn(e -> e.getPlateNumber().equals(CARS.get(3)))
                    .extracting(PlateEvent::getDirection, PlateEvent::getReadCount)
                    .containsExactlyInAnyOrder(tuple(Direction.ENTRY, 3), tuple(Direction.EXIT, 4));
            assertThat(pipeline.readCommitted(pipeline.topics.unmatched(),
                    pipeline.serdes.valueSerde(io.platestream.schemas.UnmatchedExit.class).deserializer())).isEmpty();
            assertThat(pipeline.accountedFrames()).isEqualTo(new ArrayList<>(all.entries()).size());
        }
    }

    @Test
    void aStreamThreadThatDiesMidTransactionIsReplacedAndNothingIsLostOrDuplicated(EmbeddedKafkaCluster kafka,
                                                                                  @TempDir Path stateDir) throws Exception {
        ScriptedRecognizer scripted = new ScriptedRecognizer();
        TestFrames frames = new TestFrames((plate, n) -> {
            byte[] image = TestFrames.drawn(plate, n);
            scripted.register(image, plate);
            return image;
        });
        for (int i = 0; i < CARS.size(); i++) {
            frames.pass(CARS.get(i), Direction.ENTRY, i * 5_000L, 3, 200);
            frames.pass(CARS.get(i), Direction.EXIT, 60_000 + i * 5_000L, 3, 200);
        }
        frames.pass(ENTRY_SENTINEL, Direction.ENTRY, 40_000, 1, 0);
        frames.pass(EXIT_SENTINEL, Direction.EXIT, 100_000, 1, 0);
        FrameManifest all = frames.manifest();
        // The thread dies while recognising the second frame of the fourth car's exit, the first time only.
        byte[] fatal = all.bytes(all.entries().stream()
                .filter(e -> e.direction() == Direction.EXIT && e.offsetMs() == 60_000 + 3 * 5_000L + 200)
                .findFirst().orElseThrow());
        AtomicBoolean crashed = new AtomicBoolean();
        PlateRecognizer crashingOnce = new PlateRecognizer() {
            @Override
            public Recognition recognize(byte[] image) throws ImageRejectedException {
                if (Arrays.equals(image, fatal) && crashed.compareAndSet(false, true)) {
                    throw new InternalError("simulated crash of the stream thread");
                }
                return scripted.recognize(image);
            }

            @Override
            public String modelVersion() {
                return scripted.modelVersion();
            }

            @Override
            public void close() {
            }
        };
        AtomicInteger deaths = new AtomicInteger();
        ReplaceThreadHandler policy = new ReplaceThreadHandler();
        Map<String, String> settings = Map.of("pass.gap.ms", "2000", "pass.flush.idle.ms", "600000",
                // The dead thread's consumer does not leave the group: its partitions move to the new thread once
                // the session times out (45 s by default; the broker's minimum is 6 s).
                "kafka.consumer.session.timeout.ms", "6000",
                "kafka.consumer.heartbeat.interval.ms", "1000");
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "thread-crash", crashingOnce, settings)) {
            pipeline.startApp(stateDir, exception -> {
                deaths.incrementAndGet();
                return policy.handle(exception);
            });
            pipeline.send(all.subset(e -> e.direction() == Direction.ENTRY), List.of());
            pipeline.await("six entry passes", Duration.ofSeconds(60), () -> pipeline.finals().size() >= 6);
            pipeline.send(all.subset(e -> e.direction() == Direction.EXIT), List.of());
            pipeline.await("all six visits", Duration.ofSeconds(60),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= 6
                            && pipeline.accountedFrames() >= all.entries().size());
            assertThat(crashed).isTrue();
            assertThat(deaths).hasValue(1);
            assertThat(pipeline.app().state()).hasToString("RUNNING");
            pipeline.app().close(Duration.ofSeconds(30));

            List<Visit> visits = pipeline.readCommitted(pipeline.topics.visits(),
                    pipeline.serdes.valueSerde(Visit.class).deserializer());
            assertThat(visits).extracting(Visit::getPlateNumber).containsExactlyInAnyOrderElementsOf(CARS);
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();
            List<PlateEvent> finals = pipeline.readCommitted(pipeline.topics.events(),
                    pipeline.serdes.valueSerde(PlateEvent.class).deserializer()).stream()
                    .filter(e -> e.getStatus() == EventStatus.FINAL).toList();
            assertThat(finals).hasSize(2 * CARS.size()).extracting(PlateEvent::getReadCount).containsOnly(3);
            assertThat(pipeline.readCommitted(pipeline.topics.outcomes(),
                    pipeline.serdes.valueSerde(io.platestream.schemas.FrameOutcome.class).deserializer()))
                    .extracting(io.platestream.schemas.FrameOutcome::getFrameId).doesNotHaveDuplicates()
                    .hasSize(all.entries().size());
        }
    }
}
