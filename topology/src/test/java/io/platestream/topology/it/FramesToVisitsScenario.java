package io.platestream.topology.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
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
 * Frames in, plate events and visits out, on whatever broker it is given: two cars enter and leave, a third leaves
 * without having entered, the entry lane also sends an empty frame and four bad inputs. Shared by the embedded-broker
 * and the Docker-broker tests.
 */
final class FramesToVisitsScenario {

    static final String CAR_A = "皖AF3425";
    static final String CAR_B = "粤B12345";
    static final String CAR_C = "京N8P8F8";

    private FramesToVisitsScenario() {
    }

    static void run(String bootstrapServers, String applicationId, Path stateDir) throws Exception {
        ScriptedRecognizer engine = new ScriptedRecognizer();
        FrameManifest manifest = new TestFrames((plate, n) -> {
            byte[] image = TestFrames.drawn(plate, n);
            engine.register(image, plate);
            return image;
        })
                .pass(CAR_A, Direction.ENTRY, 0, 3, 200)
                .empty(Direction.ENTRY, 2_500)
                .pass(CAR_B, Direction.ENTRY, 5_000, 3, 200)
                .pass(CAR_A, Direction.EXIT, 20_000, 3, 200)
                .pass(CAR_C, Direction.EXIT, 25_000, 2, 200)
                .pass(CAR_B, Direction.EXIT, 30_000, 3, 200)
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
            List<CameraSimulator.SentFrame> sent = new java.util.ArrayList<>(
                    pipeline.send(manifest.subset(e -> e.direction() == Direction.ENTRY), bad));
            pipeline.await("the two entry passes", Duration.ofSeconds(60), () -> pipeline.finals().size() >= 2);
            sent.addAll(pipeline.send(manifest.subset(e -> e.direction() == Direction.EXIT), List.of()));
            int total = sent.size();
            pipeline.await("every frame, five passes, two visits and an unmatched exit", Duration.ofSeconds(60),
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
            assertThat(outcomes).filteredOn(o -> o.getPlateCount() == 0).hasSize(1);
            assertThat(pipeline.values(pipeline.topics.reads(), PlateRead.class)).hasSize(14)
                    .allSatisfy(r -> assertThat(r.getEngineVersion()).isEqualTo(engine.modelVersion()));

            // One FINAL event per pass, merged from all its frames.
            List<PlateEvent> finals = pipeline.finals();
            assertThat(finals).extracting(PlateEvent::getPlateNumber, PlateEvent::getDirection, PlateEvent::getReadCount)
                    .containsExactlyInAnyOrder(
                            tuple(CAR_A, Direction.ENTRY, 3), tuple(CAR_B, Direction.ENTRY, 3),
                            tuple(CAR_A, Direction.EXIT, 3), tuple(CAR_C, Direction.EXIT, 2),
                            tuple(CAR_B, Direction.EXIT, 3));
            assertThat(finals).extracting(PlateEvent::getEventId).doesNotHaveDuplicates();

            // Entries paired with exits: the stay runs from the last frame of the entry pass to that of the exit pass.
            List<Visit> visits = pipeline.values(pipeline.topics.visits(), Visit.class);
            assertThat(visits).extracting(Visit::getPlateNumber, v -> v.getEntry().getGateId(),
                            v -> v.getExit().getGateId(), Visit::getDurationMs)
                    .containsExactlyInAnyOrder(
                            tuple(CAR_A, TestFrames.ENTRY_GATE, TestFrames.EXIT_GATE, 20_400L - 400L),
                            tuple(CAR_B, TestFrames.ENTRY_GATE, TestFrames.EXIT_GATE, 30_400L - 5_400L));
            assertThat(visits).allSatisfy(v -> {
                assertThat(v.getSiteId()).isEqualTo("it-site");
                assertThat(v.getExit().getTime()).isEqualTo(v.getEntry().getTime().plusMillis(v.getDurationMs()));
            });
            assertThat(visits).extracting(Visit::getVisitId).doesNotHaveDuplicates();
            assertThat(pipeline.values(pipeline.topics.unmatched(), UnmatchedExit.class)).singleElement()
                    .satisfies(u -> {
                        assertThat(u.getPlateNumber()).isEqualTo(CAR_C);
                        assertThat(u.getReason()).isEqualTo(UnmatchedReason.NO_ENTRY);
                    });
            assertThat(pipeline.watcher.count(pipeline.topics.expired())).isZero();
        }
    }

    private static CameraSimulator.Injection inject(long offsetMs, BadFrames.BadFrame bad) {
        return new CameraSimulator.Injection(offsetMs, bad, TestFrames.ENTRY_CAMERA, TestFrames.ENTRY_GATE,
                Direction.ENTRY);
    }
}
