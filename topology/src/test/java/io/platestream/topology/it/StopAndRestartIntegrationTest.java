package io.platestream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.platestream.app.ReplaceThreadHandler;
import io.platestream.app.StreamsApp;
import io.platestream.app.demo.FrameManifest;
import io.platestream.app.embedded.EmbeddedKafkaCluster;
import io.platestream.app.embedded.EmbeddedKafkaExtension;
import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateEngine;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.Recognition;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;

/**
 * Interrupts the application in the middle of a stream, with exactly-once processing and the real engine, and checks
 * as a read_committed consumer that every visit is there once: none lost, none duplicated.
 * <ul>
 *   <li>Stop and restart: the instance is closed while a vehicle pass is half read and visits are being made, and a
 *       new instance with the same application.id and an empty state directory takes over (its state comes back from
 *       the changelog topics); the pass that straddles the restart is one pass with the reads of both instances.</li>
 *   <li>Crash: a stream thread dies of an Error in the middle of a transaction; the uncaught-exception handler replaces
 *       it, the open transaction is aborted and the new thread processes the frames again from the last commit.</li>
 * </ul>
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StopAndRestartIntegrationTest {

    private static final int FRAMES_PER_PASS = 4;
    private static final long ENTRY_SENTINEL_OFFSET = 40_000;

    private PlateEngine engine;
    /** Demo cars the engine reads exactly at both gates (at most five). */
    private List<String> cars;
    private FrameManifest traffic;

    @BeforeAll
    void loadEngineAndFrames() throws Exception {
        engine = PlateEngine.load();
        TestFrames frames = new TestFrames(engine);
        List<String> both = frames.plates(1, Direction.ENTRY, Direction.EXIT);
        assertThat(both).as("demo cars the engine reads at both gates; misread: %s", frames.misread())
                .hasSizeGreaterThanOrEqualTo(3);
        cars = both.subList(0, Math.min(5, both.size()));
        // Each car enters, 5 s apart, then leaves in the same order.
        for (int i = 0; i < cars.size(); i++) {
            frames.pass(cars.get(i), Direction.ENTRY, i * 5_000L, FRAMES_PER_PASS, 250);
            frames.pass(cars.get(i), Direction.EXIT, exitOffset(i), FRAMES_PER_PASS, 250);
        }
        // One more car per lane, well after the rest: its read closes the lane's last pass by event time, and its own
        // pass stays open (these tests never let the wall clock close a pass).
        frames.pass(sentinel(frames, Direction.ENTRY), Direction.ENTRY, ENTRY_SENTINEL_OFFSET, 1, 0);
        frames.pass(sentinel(frames, Direction.EXIT), Direction.EXIT, exitSentinelOffset(), 1, 0);
        traffic = frames.manifest();
    }

    private String sentinel(TestFrames frames, Direction direction) {
        return frames.plates(1, direction).stream().filter(p -> !cars.contains(p)).findFirst().orElse(cars.get(0));
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private static long exitOffset(int car) {
        return 60_000 + car * 5_000L;
    }

    private long exitSentinelOffset() {
        return exitOffset(cars.size() - 1) + 15_000;
    }

    @Test
    void noVisitIsLostOrDuplicatedAcrossAStopAndRestart(EmbeddedKafkaCluster kafka, @TempDir Path tmp) throws Exception {
        FrameManifest all = traffic;
        int straddling = cars.size() - 2;  // this car's exit: two frames before the stop, two after
        long cut = exitOffset(straddling) + 250;

        Map<String, String> settings = Map.of(
                "pass.gap.ms", "2000",
                // passes close by event time only, whatever the restart takes
                "pass.flush.idle.ms", "600000");
        try (Pipeline pipeline = new Pipeline(kafka.bootstrapServers(), "stop-and-restart", engine, settings)) {
            StreamsApp first = pipeline.startApp(Files.createDirectory(tmp.resolve("state-1")));
            pipeline.send(all.subset(e -> e.direction() == Direction.ENTRY), List.of());
            pipeline.await("the entry passes", Duration.ofSeconds(90),
                    () -> pipeline.finals().size() >= cars.size());

            pipeline.send(all.subset(e -> e.direction() == Direction.EXIT && e.offsetMs() <= cut), List.of());
            // Stop while the exits are being processed: after the first visit, with frames possibly still unread or
            // inside an open transaction, and the straddling car's exit pass half read.
            pipeline.await("the first visit", Duration.ofSeconds(90),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= 1);
            assertThat(first.close(Duration.ofSeconds(30))).isTrue();
            assertThat(first.state()).hasToString("NOT_RUNNING");
            pipeline.startApp(Files.createDirectory(tmp.resolve("state-2")));

            pipeline.send(all.subset(e -> e.direction() == Direction.EXIT && e.offsetMs() > cut), List.of());
            pipeline.await("every visit", Duration.ofSeconds(90),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= cars.size()
                            && pipeline.accountedFrames() >= all.entries().size());
            pipeline.app().close(Duration.ofSeconds(30));

            List<Visit> visits = pipeline.readCommitted(pipeline.topics.visits(),
                    pipeline.serdes.valueSerde(Visit.class).deserializer());
            assertThat(visits).extracting(Visit::getPlateNumber).containsExactlyInAnyOrderElementsOf(cars);
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();

            List<PlateEvent> finals = finals(pipeline);
            assertThat(finals).hasSize(2 * cars.size())  // the two sentinel passes are still open
                    .extracting(PlateEvent::getReadCount).containsOnly(FRAMES_PER_PASS);
            assertThat(finals).extracting(PlateEvent::getEventId).doesNotHaveDuplicates();

            // The straddling pass is one pass holding the reads made before the stop and after the restart.
            Instant cutTime = pipeline.start.plusMillis(cut);
            List<PlateRead> straddlingReads = pipeline.readCommitted(pipeline.topics.reads(),
                            pipeline.serdes.valueSerde(PlateRead.class).deserializer()).stream()
                    .filter(r -> r.getCameraId().equals(TestFrames.EXIT_CAMERA)
                            && !r.getCapturedAt().isBefore(pipeline.start.plusMillis(exitOffset(straddling)))
                            && !r.getCapturedAt().isAfter(pipeline.start.plusMillis(exitOffset(straddling) + 750)))
                    .toList();
            assertThat(straddlingReads).anyMatch(r -> !r.getCapturedAt().isAfter(cutTime))
                    .anyMatch(r -> r.getCapturedAt().isAfter(cutTime));
            PlateEvent straddlingExit = finals.stream().filter(e -> e.getDirection() == Direction.EXIT
                    && e.getPlateNumber().equals(cars.get(straddling))).findFirst().orElseThrow();
            assertThat(straddlingReads).hasSize(FRAMES_PER_PASS);
            assertThat(straddlingExit.getReadCount()).isEqualTo(FRAMES_PER_PASS);
            assertThat(straddlingExit.getLastSeen()).isAfter(cutTime);

            assertThat(pipeline.readCommitted(pipeline.topics.unmatched(),
                    pipeline.serdes.valueSerde(UnmatchedExit.class).deserializer())).isEmpty();
            assertThat(outcomeFrameIds(pipeline)).doesNotHaveDuplicates().hasSize(all.entries().size());
        }
    }

    @Test
    void aStreamThreadThatDiesMidTransactionIsReplacedAndNothingIsLostOrDuplicated(EmbeddedKafkaCluster kafka,
                                                                                  @TempDir Path stateDir) throws Exception {
        FrameManifest all = traffic;
        // The thread dies while recognising the second frame of the last-but-one car's exit, the first time only.
        byte[] fatal = all.bytes(all.entries().stream()
                .filter(e -> e.direction() == Direction.EXIT && e.offsetMs() == exitOffset(cars.size() - 2) + 250)
                .findFirst().orElseThrow());
        AtomicBoolean crashed = new AtomicBoolean();
        PlateRecognizer crashingOnce = new PlateRecognizer() {
            @Override
            public Recognition recognize(byte[] image) throws ImageRejectedException {
                if (Arrays.equals(image, fatal) && crashed.compareAndSet(false, true)) {
                    throw new InternalError("simulated crash of the stream thread");
                }
                return engine.recognize(image);
            }

            @Override
            public String modelVersion() {
                return engine.modelVersion();
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
            pipeline.await("the entry passes", Duration.ofSeconds(90),
                    () -> pipeline.finals().size() >= cars.size());
            pipeline.send(all.subset(e -> e.direction() == Direction.EXIT), List.of());
            pipeline.await("every visit", Duration.ofSeconds(90),
                    () -> pipeline.watcher.count(pipeline.topics.visits()) >= cars.size()
                            && pipeline.accountedFrames() >= all.entries().size());
            assertThat(crashed).isTrue();
            assertThat(deaths).hasValue(1);
            assertThat(pipeline.app().failed()).isFalse();
            assertThat(pipeline.app().state().isRunningOrRebalancing()).isTrue();
            pipeline.app().close(Duration.ofSeconds(30));

            List<Visit> visits = pipeline.readCommitted(pipeline.topics.visits(),
                    pipeline.serdes.valueSerde(Visit.class).deserializer());
            assertThat(visits).extracting(Visit::getPlateNumber).containsExactlyInAnyOrderElementsOf(cars);
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();
            List<PlateEvent> finals = finals(pipeline);
            assertThat(finals).hasSize(2 * cars.size()).extracting(PlateEvent::getEventId).doesNotHaveDuplicates();
            assertThat(finals).extracting(PlateEvent::getReadCount).containsOnly(FRAMES_PER_PASS);
            assertThat(pipeline.readCommitted(pipeline.topics.reads(),
                    pipeline.serdes.valueSerde(PlateRead.class).deserializer()))
                    .extracting(PlateRead::getFrameId).doesNotHaveDuplicates().hasSize(all.entries().size());
            assertThat(outcomeFrameIds(pipeline)).doesNotHaveDuplicates().hasSize(all.entries().size());
        }
    }

    private static List<PlateEvent> finals(Pipeline pipeline) {
        return pipeline.readCommitted(pipeline.topics.events(),
                        pipeline.serdes.valueSerde(PlateEvent.class).deserializer()).stream()
                .filter(e -> e.getStatus() == EventStatus.FINAL).toList();
    }

    private static List<String> outcomeFrameIds(Pipeline pipeline) {
        return pipeline.readCommitted(pipeline.topics.outcomes(),
                pipeline.serdes.valueSerde(FrameOutcome.class).deserializer()).stream()
                .map(FrameOutcome::getFrameId).toList();
    }
}
