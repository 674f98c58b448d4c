package io.platestream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.platestream.app.demo.BadFrames;
import io.platestream.app.demo.CameraSimulator;
import io.platestream.app.demo.FrameManifest;
import io.platestream.engine.PlateRecognizer;
import io.platestream.schemas.Direction;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectStage;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.UnmatchedReason;
import io.platestream.schemas.Visit;

/**
 * Frames in, plate events and visits out, on whatever broker it is given, with the real engine: two cars enter and
 * leave, a third leaves without having entered, the entry lane also sends an empty frame and four bad inputs. Shared
 * by the embedded-broker and the Docker-broker tests. The cars are demo cars the engine reads exactly
 * ({@link TestFrames}).
 */
final class FramesToVisitsScenario {

    private FramesToVisitsScenario() {
    }

    static void run(String bootstrapServers, String applicationId, Path stateDir, PlateRecognizer engine)
            throws Exception {
        TestFrames frames = new TestFrames(engine);
        // Two cars seen at both gates, and a third seen leaving only.
        List<String> both = frames.plates(1, Direction.ENTRY, Direction.EXIT);
        assertThat(both).as("demo cars the engine reads at both gates; misread: %s", frames.misread())
                .hasSizeGreaterThanOrEqualTo(2);
        String carA = both.get(0);
        String carB = both.get(1);
        String carC = frames.plates(1, Direction.EXIT).stream().filter(p -> !p.equals(carA) && !p.equals(carB))
                .findFirst().orElseThrow(() -> new AssertionError("no third car read at the exit; misread: "
                        + frames.misread()));
        FrameManifest manifest = frames
                .pass(carA, Direction.ENTRY, 0, 4, 250)
                .empty(Direction.ENTRY, 3_000)
                .pass(carB, Direction.ENTRY, 6_000, 4, 250)
                .pass(carA, Direction.EXIT, 20_000, 4, 250)
                .pass(carC, Direction.EXIT, 25_000, 4, 250)
                .pass(carB, Direction.EXIT, 30_000, 4, 250)
                .manifest();
        byte[] firstJpeg = manifest.bytes(manifest.entries().get(0));
        List<CameraSimulator.Injection> bad = List.of(
                inject(1_000, BadFrames.truncatedJpeg(firstJpeg)),
                inject(1_100, BadFrames.pdf()),
                inject(1_200, BadFrames.tinyPng()),
                inject(1_300, BadFrames.garbageRecord()));

        Map<String, String> settings = Map.of(
                "pass.gap.ms", "2000",
                "pass.flush.idle.ms", "2000",          // the last pass of a lane closes on the wall clock
                "pass.punctuate.interval.ms", "250");
        try (Pipeline pipeline = new Pipeline(bootstrapServers, applicationId, engine, settings)) {
            pipeline.startApp(stateDir);

            // Entries first, so that they are in the open-entries table before their exits are joined.
            List<CameraSimulator.SentFrame> sent = new ArrayList<>(
                    pipeline.send(manifest.subset(e -> e.direction() == Direction.ENTRY), bad));
            pipeline.await("the two entry passes", Duration.ofSeconds(90), () -> pipeline.finals().size() >= 2);
            sent.addAll(pipeline.send(manifest.subset(e -> e.direction() == Direction.EXIT), List.of()));
            int total = sent.size();
            pipeline.await("every frame, five passes, two visits and an unmatched exit", Duration.ofSeconds(90),
                    () -> pipeline.accountedFrames() >= total && pipeline.finals().size() >= 5
                            && pipeline.watcher.count(pipeline.topics.visits()) >= 2
                            && pipeline.watcher.count(pipeline.topics.unmatched()) >= 1);

            // Every bad input ended on images.rejected with its code; every other frame as an outcome.
            List<RejectedFrame> rejected = pipeline.values(pipeline.topics.rejected(), RejectedFrame.class);
            Map<String, String> expectedCodes = sent.stream().filter(f -> f.expectedCode().isPresent())
                    .filter(f -> !f.what().equals("non-Avro record"))
                    .collect(Collectors.toMap(CameraSimulator.SentFrame::frameId, f -> f.expectedCode().get()));
            assertThat(rejected).hasSize(4);
            assertThat(rejected).filteredOn(r -> r.getFrameId() != null)
                    .extracting(RejectedFrame::getFrameId, RejectedFrame::getErrorCode)
                    .containsExactlyInAnyOrderElementsOf(expectedCodes.entrySet().stream()
                            .map(e -> tuple(e.getKey(), e.getValue())).toList());
            assertThat(rejected).filteredOn(r -> r.getFrameId() == null).singleElement().satisfies(r -> {
                assertThat(r.getErrorCode()).isEqualTo("AIS.0110");
                assertThat(r.getStage()).isEqualTo(RejectStage.DESERIALIZE);
                assertThat(r.getCameraId()).isEqualTo(TestFrames.ENTRY_CAMERA);  // from the record key
                assertThat(r.getSourceTopic()).isEqualTo(pipeline.topics.images());
                assertThat(r.getSourceOffset()).isNotNull();
            });

            List<FrameOutcome> outcomes = pipeline.values(pipeline.topics.outcomes(), FrameOutcome.class);
            assertThat(outcomes).extracting(FrameOutcome::getFrameId).containsExactlyInAnyOrderElementsOf(
                    sent.stream().filter(f -> f.expectedCode().isEmpty()).map(CameraSimulator.SentFrame::frameId).toList());
            String emptyFrame = sent.stream().filter(f -> f.plateText().isEmpty() && f.expectedCode().isEmpty())
                    .findFirst().orElseThrow().frameId();
            assertThat(outcomes).filteredOn(o -> o.getFrameId().equals(emptyFrame))
                    .singleElement().extracting(FrameOutcome::getPlateCount).isEqualTo(0);
            List<PlateRead> reads = pipeline.values(pipeline.topics.reads(), PlateRead.class);
            assertThat(reads).hasSize(20)  // one per frame with a car
                    .allSatisfy(r -> assertThat(r.getEngineVersion()).isEqualTo(engine.modelVersion()));

            // One FINAL event per pass, merging every read of the pass.
            List<PlateEvent> finals = pipeline.finals();
            assertThat(finals).extracting(PlateEvent::getPlateNumber, PlateEvent::getDirection, PlateEvent::getReadCount)
                    .containsExactlyInAnyOrder(
                            tuple(carA, Direction.ENTRY, 4), tuple(carB, Direction.ENTRY, 4),
                            tuple(carA, Direction.EXIT, 4), tuple(carC, Direction.EXIT, 4),
                            tuple(carB, Direction.EXIT, 4));
            assertThat(finals).extracting(PlateEvent::getEventId).doesNotHaveDuplicates();

            // Entries paired with exits: the stay runs from the end of the entry pass to the end of the exit pass.
            List<Visit> visits = pipeline.values(pipeline.topics.visits(), Visit.class);
            assertThat(visits).extracting(Visit::getPlateNumber, v -> v.getEntry().getGateId(),
                            v -> v.getExit().getGateId())
                    .containsExactlyInAnyOrder(
                            tuple(carA, TestFrames.ENTRY_GATE, TestFrames.EXIT_GATE),
                            tuple(carB, TestFrames.ENTRY_GATE, TestFrames.EXIT_GATE));
            for (Visit visit : visits) {
                PlateEvent entry = finalOf(finals, visit.getPlateNumber(), Direction.ENTRY);
                PlateEvent exit = finalOf(finals, visit.getPlateNumber(), Direction.EXIT);
                assertThat(visit.getEntry().getEventId()).isEqualTo(entry.getEventId());
                assertThat(visit.getExit().getEventId()).isEqualTo(exit.getEventId());
                assertThat(visit.getDurationMs())
                        .isEqualTo(exit.getLastSeen().toEpochMilli() - entry.getLastSeen().toEpochMilli())
                        .isEqualTo(visit.getPlateNumber().equals(carA) ? 20_750L - 750L : 30_750L - 6_750L);
                assertThat(visit.getSiteId()).isEqualTo("it-site");
            }
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();
            assertThat(pipeline.values(pipeline.topics.unmatched(), UnmatchedExit.class)).singleElement()
                    .satisfies(u -> {
                        assertThat(u.getPlateNumber()).isEqualTo(carC);
                        assertThat(u.getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
                    });
            assertThat(pipeline.watcher.count(pipeline.topics.expired())).isZero();
        }
    }

    private static PlateEvent finalOf(List<PlateEvent> finals, String plate, Direction direction) {
        return finals.stream().filter(e -> e.getPlateNumber().equals(plate) && e.getDirection() == direction)
                .findFirst().orElseThrow();
    }

    private static CameraSimulator.Injection inject(long offsetMs, BadFrames.BadFrame bad) {
        return new CameraSimulator.Injection(offsetMs, bad, TestFrames.ENTRY_CAMERA, TestFrames.ENTRY_GATE,
                Direction.ENTRY);
    }
}
