package io.platestream.topology;

import io.platestream.engine.PlateResult;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Direction;
import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import io.platestream.schemas.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The whole topology in a {@link TopologyTestDriver} with the real in-memory registry and Avro serdes, the real image
 * validator and a {@link ScriptedRecognizer}; input and output topics, and helpers to make frames.
 */
final class PipelineDriver implements AutoCloseable {

    /** A camera: where its frames come from. */
    record Camera(String site, String id, String gate, Direction direction) {
    }

    /** Event time of the tests' first frames. */
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    /** Start of the driver's wall clock: later than any event time of the tests, as when processing live frames. */
    static final Instant WALL0 = T0.plus(Duration.ofDays(365));

    final PlateStreamConfig config;
    final AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistry(), true);
    final ScriptedRecognizer engine = new ScriptedRecognizer();
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> images;
    final TestOutputTopic<String, RejectedFrame> rejected;
    final TestOutputTopic<String, FrameOutcome> outcomes;
    final TestOutputTopic<String, PlateRead> reads;
    final TestOutputTopic<String, PlateEvent> events;
    final TestOutputTopic<String, PlateEvent> entries;
    final TestOutputTopic<String, Visit> visits;
    final TestOutputTopic<String, UnmatchedExit> unmatched;
    final TestOutputTopic<String, EntryExpired> expired;
    private final Serializer<CameraFrame> frameSerializer;
    private final AtomicInteger seeds = new AtomicInteger();

    PipelineDriver(PlateStreamConfig config, Path stateDir) {
        this(config, stateDir, WALL0);
    }

    PipelineDriver(PlateStreamConfig config, Path stateDir, Instant wallClockStart) {
        this.config = config;
        this.topology = PlateStreamTopology.topology(config, engine, serdes);
        Properties props = config.streamsProperties();
        props.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(topology, props, wallClockStart);
        PlateStreamConfig.TopicNames t = config.topics();
        frameSerializer = serdes.valueSerde(CameraFrame.class).serializer();
        images = driver.createInputTopic(t.images(), new StringSerializer(), new ByteArraySerializer());
        rejected = out(t.rejected(), RejectedFrame.class);
        outcomes = out(t.outcomes(), FrameOutcome.class);
        reads = out(t.reads(), PlateRead.class);
        events = out(t.events(), PlateEvent.class);
        entries = out(t.entries(), PlateEvent.class);
        visits = out(t.visits(), Visit.class);
        unmatched = out(t.unmatched(), UnmatchedExit.class);
        expired = out(t.expired(), EntryExpired.class);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, T> out(String topic,
                                                                                               Class<T> type) {
        Serde<T> serde = serdes.valueSerde(type);
        Deserializer<T> de = serde.deserializer();
        return driver.createOutputTopic(topic, new StringDeserializer(), de);
    }

    /** A frame of {@code camera} at {@code t} with inline image bytes. */
    CameraFrame frame(Camera camera, String frameId, Instant t, byte[] image) {
        return CameraFrame.newBuilder()
                .setFrameId(frameId)
                .setSiteId(camera.site())
                .setCameraId(camera.id())
                .setGateId(camera.gate())
                .setDirection(camera.direction())
                .setCapturedAt(t)
                .setContentType("image/png")
                .setImage(image == null ? null : ByteBuffer.wrap(image))
                .setImageUri(null)
                .build();
    }

    byte[] serialize(CameraFrame frame) {
        return frameSerializer.serialize(config.topics().images(), frame);
    }

    /** Pipes a frame keyed by its camera, with its capture time as record timestamp. */
    void pipe(CameraFrame frame) {
        images.pipeInput(frame.getCameraId(), serialize(frame), frame.getCapturedAt());
    }

    /** Pipes a frame of a fresh image whose recognition is scripted to {@code plates}; returns the frame id. */
    String pipeScripted(Camera camera, Instant t, PlateResult... plates) {
        int seed = seeds.incrementAndGet();
        byte[] image = TestImages.frame(seed);
        engine.script(image, plates);
        String frameId = camera.id() + "-" + seed;
        pipe(frame(camera, frameId, t, image));
        return frameId;
    }

    /**
     * One vehicle passing {@code camera}: {@code frames} frames of {@code plate}, 200 ms apart from {@code start}.
     * The pass stays open until closed by a later read or {@link #flush()}.
     */
    void passBy(Camera camera, String plate, Instant start, int frames) {
        for (int i = 0; i < frames; i++) {
            pipeScripted(camera, start.plusMillis(200L * i), ScriptedRecognizer.plate(plate, 0.9));
        }
    }

    /** Lets the wall clock run past the pass idle time, so the punctuation closes every open pass. */
    void flush() {
        driver.advanceWallClockTime(config.passFlushIdle().plusSeconds(1));
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    /** The pass store's content for a camera (null when it has no open pass). */
    java.util.List<OpenPass> openPasses(String camera) {
        org.apache.kafka.streams.state.KeyValueStore<String, java.util.List<OpenPass>> store =
                driver.getKeyValueStore(config.stores().passes());
        return store.get(camera);
    }

    static Serde<String> keys() {
        return Serdes.String();
    }

    @Override
    public void close() {
        driver.close();
        engine.close();
    }
}
