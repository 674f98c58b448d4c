package io.platestream.topology;

import static io.platestream.topology.PipelineDriver.T0;
import static io.platestream.topology.ScriptedRecognizer.plate;
import static org.assertj.core.api.Assertions.assertThat;

import io.platestream.engine.PlateColor;
import io.platestream.engine.RejectCode;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectStage;
import io.platestream.schemas.RejectedFrame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame and pass stages of the topology, end to end in a TopologyTestDriver. */
class PlateStreamTopologyTest {

    static final PipelineDriver.Camera ENTRY_CAM =
            new PipelineDriver.Camera("site-1", "cam-in", "gate-1", Direction.ENTRY);
    static final PipelineDriver.Camera OTHER_CAM =
            new PipelineDriver.Camera("site-1", "cam-toll", "lane-3", Direction.PASS);

    @TempDir
    Path stateDir;
    @TempDir
    Path files;

    private PipelineDriver p;

    private PipelineDriver start(Map<String, String> overrides) {
        p = new PipelineDriver(PlateStreamConfig.defaults().with(overrides), stateDir);
        return p;
    }

    @AfterEach
    void close() {
        if (p != null) {
            p.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ rejects

    /** One bad frame, then a good one: the bad one is rejected with its code, the good one still goes through. */
    private RejectedFrame rejectThenRecover(CameraFrame bad, RejectCode code, RejectStage stage) {
        p.pipe(bad);
        return assertRejectedThenRecovers(code, stage);
    }

    private RejectedFrame assertRejectedThenRecovers(RejectCode code, RejectStage stage) {
        List<RejectedFrame> rejects = p.rejected.readValuesToList();
        assertThat(rejects).hasSize(1);
        RejectedFrame r = rejects.get(0);
        assertThat(r.getErrorCode()).isEqualTo(code.code());
        assertThat(r.getErrorMsg()).startsWith(code.message());
        assertThat(r.getStage()).isEqualTo(stage);
        assertThat(r.getSourceTopic()).isEqualTo(Topics.IMAGES);
        assertThat(r.getSourcePartition()).isEqualTo(0);
        assertThat(p.outcomes.readValuesToList()).isEmpty();

        String good = p.pipeScripted(ENTRY_CAM, T0.plusSeconds(1), plate("皖AF3425", 0.9));
        assertThat(p.rejected.isEmpty()).isTrue();
        assertThat(p.outcomes.readValuesToList()).extracting(FrameOutcome::getFrameId).containsExactly(good);
        p.reads.readValuesToList();
        return r;
    }

    private CameraFrame withImage(String id, byte[] image) {
        return p.frame(ENTRY_CAM, id, T0, image);
    }

    @Test
    void everyRejectCodeLandsOnTheRejectedTopicAndTheNextFrameStillGoesThrough() throws Exception {
        start(Map.of());
        byte[] png = TestImages.frame(1);

        RejectedFrame r = rejectThenRecover(withImage("bad-format", "not an image at all".getBytes(
                StandardCharsets.US_ASCII)), RejectCode.UNSUPPORTED_FORMAT, RejectStage.VALIDATE);
        assertThat(r.getFrameId()).isEqualTo("bad-format");
        assertThat(r.getSiteId()).isEqualTo("site-1");
        assertThat(r.getCameraId()).isEqualTo("cam-in");
        assertThat(r.getGateId()).isEqualTo("gate-1");
        assertThat(r.getDirection()).isEqualTo(Direction.ENTRY);
        assertThat(r.getCapturedAt()).isEqualTo(T0);
        assertThat(r.getContentType()).isEqualTo("image/png");
        assertThat(r.getImageBytes()).isEqualTo(19);
        assertThat(r.getSourceOffset()).isEqualTo(0L);
        assertThat(r.getRejectedAt()).isEqualTo(PipelineDriver.WALL0);

        rejectThenRecover(withImage("empty", new byte[0]), RejectCode.EMPTY_IMAGE, RejectStage.VALIDATE);
        // a header cut short: the validator finds it
        rejectThenRecover(withImage("cut-header", TestImages.truncate(png, 20)), RejectCode.CORRUPT_IMAGE,
                RejectStage.VALIDATE);
        // a sound header but the pixel data cut short: the decoder finds it
        r = rejectThenRecover(withImage("cut-pixels", TestImages.truncate(png, 60)), RejectCode.CORRUPT_IMAGE,
                RejectStage.DECODE);
        assertThat(r.getImageBytes()).isEqualTo(60);

        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(png, 0, huge, 0, png.length);
        rejectThenRecover(withImage("huge", huge), RejectCode.FILE_TOO_LARGE, RejectStage.VALIDATE);
        r = rejectThenRecover(withImage("tiny", TestImages.png(14, 20, 2)), RejectCode.IMAGE_SIZE,
                RejectStage.VALIDATE);
        assertThat(r.getErrorMsg()).contains("14");
        rejectThenRecover(withImage("wide", TestImages.png(8193, 200, 3)), RejectCode.IMAGE_SIZE,
                RejectStage.VALIDATE);
        rejectThenRecover(withImage("thin", TestImages.png(1020, 20, 4)), RejectCode.ASPECT_RATIO,
                RejectStage.VALIDATE);
        rejectThenRecover(withImage("no-image", null), RejectCode.MISSING_IMAGE, RejectStage.VALIDATE);

        byte[] failing = TestImages.frame(5);
        p.engine.fail(failing, new IllegalStateException("inference session died"));
        r = rejectThenRecover(withImage("engine", failing), RejectCode.ENGINE_FAILURE, RejectStage.RECOGNIZE);
        assertThat(r.getErrorMsg()).contains("IllegalStateException").contains("inference session died");

        // the frames that passed validation reached the engine; the refused ones did not
        assertThat(p.engine.calls()).isEqualTo(10 + 2);
    }

    @Test
    void undeserializableRecordsAreRejectedWithTheirKeyAndSource() {
        start(Map.of());
        p.images.pipeInput("cam-x", "garbage, not Avro".getBytes(StandardCharsets.UTF_8), T0);
        RejectedFrame r = assertRejectedThenRecovers(RejectCode.UNREADABLE_RECORD, RejectStage.DESERIALIZE);
        assertThat(r.getCameraId()).isEqualTo("cam-x");
        assertThat(r.getFrameId()).isNull();
        assertThat(r.getSiteId()).isNull();
        assertThat(r.getCapturedAt()).isNull();
        assertThat(r.getImageBytes()).isEqualTo(17);
        assertThat(r.getSourceOffset()).isEqualTo(0L);

        // the wire format's magic byte and an id the registry never gave
        p.images.pipeInput("cam-y", new byte[] {0, 0, 0, 0x27, 0x0F, 1, 2, 3}, T0);
        r = assertRejectedThenRecovers(RejectCode.UNREADABLE_RECORD, RejectStage.DESERIALIZE);
        assertThat(r.getCameraId()).isEqualTo("cam-y");
        assertThat(r.getSourceOffset()).isEqualTo(2L);

        // a valid header with a body that is not a CameraFrame
        byte[] frame = p.serialize(p.frame(ENTRY_CAM, "f", T0, TestImages.frame(9)));
        p.images.pipeInput("cam-z", TestImages.truncate(frame, 12), T0);
        assertRejectedThenRecovers(RejectCode.UNREADABLE_RECORD, RejectStage.DESERIALIZE);

        // a tombstone
        p.images.pipeInput(new TestRecord<>("cam-t", null, T0));
        r = assertRejectedThenRecovers(RejectCode.UNREADABLE_RECORD, RejectStage.DESERIALIZE);
        assertThat(r.getCameraId()).isEqualTo("cam-t");
        assertThat(r.getImageBytes()).isZero();
    }

    @Test
    void imagesByFileUriAreReadAndMissingOnesRejected() throws Exception {
        Path inside = Files.createDirectories(files.resolve("frames"));
        start(Map.of("frame.uri.root", inside.toString()));
        byte[] png = TestImages.frame(42);
        Path file = Files.write(inside.resolve("f1.png"), png);
        p.engine.script(png, plate("皖AF3425", 0.9));
        CameraFrame byUri = CameraFrame.newBuilder(p.frame(ENTRY_CAM, "by-uri", T0, null))
                .setImageUri(file.toUri().toString()).build();
        p.pipe(byUri);
        assertThat(p.outcomes.readValue().getPlateCount()).isEqualTo(1);
        assertThat(p.reads.readValue().getPlateNumber()).isEqualTo("皖AF3425");

        for (String uri : List.of(inside.resolve("missing.png").toUri().toString(), "http://images/f1.png",
                Files.write(files.resolve("outside.png"), png).toUri().toString(), "file:///%%%")) {
            p.pipe(CameraFrame.newBuilder(p.frame(ENTRY_CAM, "uri", T0, null)).setImageUri(uri).build());
            RejectedFrame r = assertRejectedThenRecovers(RejectCode.MISSING_IMAGE, RejectStage.VALIDATE);
            assertThat(r.getErrorMsg()).contains(uri.startsWith("file:///%") ? "image_uri" : uri);
        }
    }

    @Test
    void frameWithoutPlateIsCountedAsAnOutcomeAndInTheMetrics() {
        start(Map.of());
        p.pipeScripted(ENTRY_CAM, T0);
        FrameOutcome o = p.outcomes.readValue();
        assertThat(o.getPlateCount()).isZero();
        assertThat(o.getWidth()).isEqualTo(96);
        assertThat(o.getHeight()).isEqualTo(48);
        assertThat(o.getEngineVersion()).isEqualTo(ScriptedRecognizer.VERSION);
        assertThat(p.reads.isEmpty()).isTrue();
        p.pipeScripted(ENTRY_CAM, T0.plusSeconds(1), plate("皖AF3425", 0.9));
        p.images.pipeInput("cam-in", new byte[] {1, 2, 3}, T0);
        assertThat(metric("no-plate-total")).isEqualTo(1.0);
        assertThat(metric("rejected-total")).isEqualTo(1.0);
    }

    private double metric(String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : p.driver.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().group().contains(FrameRecognizer.METRICS_SCOPE)) {
                sum += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }

    @Test
    void readsCarryTheFrameAndThePlate() {
        start(Map.of());
        String frameId = p.pipeScripted(ENTRY_CAM, T0, plate("皖AD12345", 0.93, PlateColor.GREEN),
                plate("苏E77777", 0.8));
        List<KeyValue<String, PlateRead>> reads = p.reads.readKeyValuesToList();
        assertThat(reads).extracting(kv -> kv.key).containsOnly("cam-in");
        PlateRead r = reads.get(0).value;
        assertThat(r.getFrameId()).isEqualTo(frameId);
        assertThat(r.getPlateNumber()).isEqualTo("皖AD12345");
        assertThat(r.getPlateColor()).isEqualTo(io.platestream.schemas.PlateColor.GREEN);
        assertThat(r.getPlateType()).isEqualTo(io.platestream.schemas.PlateType.NEW_ENERGY_SMALL);
        assertThat(r.getCharConfidences()).hasSize(8);
        assertThat(r.getPlateLocation()).extracting(v -> v.getX() + "," + v.getY())
                .containsExactly("10,20", "80,21", "80,40", "10,40");
        assertThat(r.getCapturedAt()).isEqualTo(T0);
        assertThat(r.getEngineVersion()).isEqualTo(ScriptedRecognizer.VERSION);
        assertThat(reads.get(1).value.getPlateNumber()).isEqualTo("苏E77777");
        assertThat(p.outcomes.readValue().getPlateCount()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ passes

    @Test
    void tenFramesOfOneCarWithTwoMisreadsGiveOneFinalEvent() {
        start(Map.of());
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant t = T0.plusMillis(250L * i);
            String text = i == 3 ? "皖ABF025" : i == 7 ? "皖A8FD25" : "皖A8F025";
            double conf = i == 3 || i == 7 ? 0.97 : i == 5 ? 0.92 : 0.85;
            frames.add(p.pipeScripted(ENTRY_CAM, t, plate(text, conf)));
        }
        assertThat(p.reads.readValuesToList()).hasSize(10);
        assertThat(p.events.isEmpty()).isTrue();                  // still open
        p.flush();
        List<KeyValue<String, PlateEvent>> events = p.events.readKeyValuesToList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key).isEqualTo("cam-in");
        PlateEvent e = events.get(0).value;
        assertThat(e.getStatus()).isEqualTo(EventStatus.FINAL);
        assertThat(e.getPlateNumber()).isEqualTo("皖A8F025");
        assertThat(e.getPlateColor()).isEqualTo(io.platestream.schemas.PlateColor.BLUE);
        assertThat(e.getReadCount()).isEqualTo(10);
        assertThat(e.getFirstSeen()).isEqualTo(T0);
        assertThat(e.getLastSeen()).isEqualTo(T0.plusMillis(2250));
        assertThat(e.getBestFrameId()).isEqualTo(frames.get(5));  // the most confident correct read
        assertThat(e.getSiteId()).isEqualTo("site-1");
        assertThat(e.getGateId()).isEqualTo("gate-1");
        assertThat(e.getDirection()).isEqualTo(Direction.ENTRY);
        assertThat(e.getCandidates()).extracting(c -> c.getPlateNumber())
                .containsExactly("皖A8F025", "皖A8FD25", "皖ABF025");
        assertThat(e.getCandidates().get(0).getReads()).isEqualTo(8);
        assertThat(e.getConfidence()).isBetween(0.5, 0.92);
        assertThat(e.getEventId()).isEqualTo(OpenPass.eventId("cam-in",
                new PassRead(frames.get(0), T0.toEpochMilli(), "皖A8F025", null, null, null, 0, null, null)));
        assertThat(p.openPasses("cam-in")).isNull();

        p.flush();
        assertThat(p.events.isEmpty()).isTrue();                  // exactly one
    }

    @Test
    void twoCarsBackToBackGiveTwoEventsClosedByALaterRead() {
        start(Map.of());
        p.passBy(ENTRY_CAM, "皖AF3425", T0, 5);                    // 0 .. 800 ms
        p.passBy(ENTRY_CAM, "苏E77777", T0.plusMillis(1200), 5);   // 1200 .. 2000 ms, within the gap of the first
        assertThat(p.openPasses("cam-in")).hasSize(2);
        assertThat(p.events.isEmpty()).isTrue();
        // a read 3.5 s after the second car: beyond the gap of both
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(5500), plate("京N12345", 0.9));
        List<PlateEvent> events = p.events.readValuesToList();
        assertThat(events).extracting(PlateEvent::getPlateNumber).containsExactly("皖AF3425", "苏E77777");
        assertThat(events).extracting(PlateEvent::getReadCount).containsExactly(5, 5);
        assertThat(events).extracting(PlateEvent::getStatus).containsOnly(EventStatus.FINAL);
        assertThat(events.get(0).getEventId()).isNotEqualTo(events.get(1).getEventId());
        p.flush();
        assertThat(p.events.readValuesToList()).extracting(PlateEvent::getPlateNumber).containsExactly("京N12345");
    }

    @Test
    void sameCarBeyondTheGapIsANewPassAndTwoPlatesInOneFrameAreTwoPasses() {
        start(Map.of());
        p.passBy(ENTRY_CAM, "皖AF3425", T0, 2);
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(200 + 3001), plate("皖AF3425", 0.9), plate("苏E77777", 0.8));
        assertThat(p.events.readValuesToList()).extracting(PlateEvent::getReadCount).containsExactly(2);
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(3500), plate("苏E77777", 0.85), plate("皖AF3425", 0.9));
        p.flush();
        List<PlateEvent> events = p.events.readValuesToList();
        assertThat(events).extracting(PlateEvent::getPlateNumber)
                .containsExactlyInAnyOrder("皖AF3425", "苏E77777");
        assertThat(events).extracting(PlateEvent::getReadCount).containsOnly(2);
    }

    @Test
    void aSilentCameraStillFlushesByWallClock() {
        start(Map.of());
        p.passBy(ENTRY_CAM, "皖AF3425", T0, 3);
        p.advanceWallClock(Duration.ofSeconds(4));               // idle time is 5 s
        assertThat(p.events.isEmpty()).isTrue();
        p.advanceWallClock(Duration.ofSeconds(2));
        List<TestRecord<String, PlateEvent>> events = p.events.readRecordsToList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getValue().getPlateNumber()).isEqualTo("皖AF3425");
        assertThat(events.get(0).getRecordTime()).isEqualTo(T0.plusMillis(400));   // event time: the last read
        assertThat(p.openPasses("cam-in")).isNull();
    }

    @Test
    void readsKeepAPassOpenOnTheWallClockUntilTheyStop() {
        start(Map.of());
        for (int i = 0; i < 6; i++) {
            p.passBy(ENTRY_CAM, "皖AF3425", T0.plusSeconds(2L * i), 1);
            p.advanceWallClock(Duration.ofSeconds(2));
        }
        assertThat(p.events.isEmpty()).isTrue();
        p.flush();
        assertThat(p.events.readValuesToList()).extracting(PlateEvent::getReadCount).containsExactly(6);
    }

    @Test
    void previewIsEmittedOncePerPassWithTheFinalsEventId() {
        start(Map.of("pass.preview.cameras", "cam-in:0.9"));
        p.pipeScripted(ENTRY_CAM, T0, plate("皖AF3425", 0.8));
        assertThat(p.events.isEmpty()).isTrue();
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(200), plate("皖AF3425", 0.95));
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(400), plate("皖AF3425", 0.97));
        p.pipeScripted(OTHER_CAM, T0.plusMillis(400), plate("沪B55555", 0.99));   // no preview at that camera
        List<PlateEvent> previews = p.events.readValuesToList();
        assertThat(previews).hasSize(1);
        PlateEvent preview = previews.get(0);
        assertThat(preview.getStatus()).isEqualTo(EventStatus.PREVIEW);
        assertThat(preview.getPlateNumber()).isEqualTo("皖AF3425");
        assertThat(preview.getReadCount()).isEqualTo(2);
        p.pipeScripted(ENTRY_CAM, T0.plusMillis(600), plate("皖AF3425", 0.99));
        assertThat(p.events.isEmpty()).isTrue();
        p.flush();
        List<PlateEvent> finals = p.events.readValuesToList();
        assertThat(finals).extracting(PlateEvent::getStatus).containsOnly(EventStatus.FINAL);
        assertThat(finals).extracting(PlateEvent::getCameraId).containsExactlyInAnyOrder("cam-in", "cam-toll");
        PlateEvent fin = finals.stream().filter(e -> e.getCameraId().equals("cam-in")).findFirst().orElseThrow();
        assertThat(fin.getEventId()).isEqualTo(preview.getEventId());
        assertThat(fin.getReadCount()).isEqualTo(4);
    }

    @Test
    void eventIdsAreTheSameWhenTheSameFramesAreReplayed(@TempDir Path otherState) {
        List<String> ids = new ArrayList<>();
        for (Path dir : List.of(stateDir, otherState)) {
            try (PipelineDriver d = new PipelineDriver(PlateStreamConfig.defaults(), dir)) {
                d.passBy(ENTRY_CAM, "皖AF3425", T0, 3);
                d.passBy(ENTRY_CAM, "苏E77777", T0.plusSeconds(10), 3);
                d.flush();
                d.events.readValuesToList().forEach(e -> ids.add(e.getEventId()));
            }
        }
        assertThat(ids).hasSize(4);
        assertThat(ids.subList(0, 2)).isEqualTo(ids.subList(2, 4)).doesNotHaveDuplicates();
    }

    @Test
    void topologyNamesItsStoresJoinAndRepartitionTopic() {
        start(Map.of());
        String description = p.topology.describe().toString();
        assertThat(description).contains("frame-recognizer", "pass-merger", "visit-pairing", "exit-entry-join",
                Topics.PASS_STORE, Topics.ENTRIES_STORE, Topics.CLOSED_ENTRIES_STORE,
                "exit-entry-join-repartition", Topics.ENTRIES);
    }
}
