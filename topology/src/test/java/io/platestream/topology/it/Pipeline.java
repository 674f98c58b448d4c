package io.platestream.topology.it;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.platestream.app.StreamsApp;
import io.platestream.app.TopicSetup;
import io.platestream.app.demo.CameraSimulator;
import io.platestream.app.demo.FrameManifest;
import io.platestream.app.demo.OutputWatcher;
import io.platestream.engine.PlateRecognizer;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.EventStatus;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import io.platestream.schemas.serde.AvroSerdes;
import io.platestream.topology.PlateStreamConfig;
import io.platestream.topology.PlateStreamTopology;

/**
 * The whole application wired to a real broker for an integration test: its topics (named after the application id,
 * so tests sharing a broker do not see each other's records), an in-memory schema registry, simulated cameras, a
 * read_committed watcher on every output topic, and Kafka Streams instances that can be stopped and started again.
 */
final class Pipeline implements AutoCloseable {

    static final int PARTITIONS = 2;

    final PlateStreamConfig config;
    final PlateStreamConfig.TopicNames topics;
    final AvroSerdes serdes;
    final OutputWatcher watcher;
    final CameraSimulator cameras;
    final Instant start;
    private final PlateRecognizer engine;
    private final String bootstrapServers;
    private StreamsApp app;

    /**
     * Creates the topics and the clients; no Kafka Streams instance runs yet.
     *
     * @param overrides application settings (pass.*, pairing.*, ...) for this test
     */
    Pipeline(String bootstrapServers, String applicationId, PlateRecognizer engine, Map<String, String> overrides)
            throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("kafka.application.id", applicationId);
        for (String key : List.of(PlateStreamConfig.TOPIC_IMAGES, PlateStreamConfig.TOPIC_REJECTED,
                PlateStreamConfig.TOPIC_READS, PlateStreamConfig.TOPIC_EVENTS, PlateStreamConfig.TOPIC_OUTCOMES,
                PlateStreamConfig.TOPIC_VISITS, PlateStreamConfig.TOPIC_UNMATCHED, PlateStreamConfig.TOPIC_EXPIRED,
                PlateStreamConfig.TOPIC_ENTRIES)) {
            settings.put(key, applicationId + "." + PlateStreamConfig.defaults().asMap().get(key));
        }
        settings.putAll(overrides);
        this.config = PlateStreamConfig.defaults().with(settings);
        this.topics = config.topics();
        this.engine = engine;
        this.bootstrapServers = bootstrapServers;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicSetup.create(admin, config, PARTITIONS, (short) 1);
        }
        this.serdes = new AvroSerdes(new InMemorySchemaRegistry(), true);
        Map<String, Deserializer<?>> watched = OutputWatcher.applicationOutputs(topics, serdes);
        this.watcher = new OutputWatcher(bootstrapServers, watched, output -> { });
        this.cameras = new CameraSimulator(bootstrapServers, topics.images(),
                serdes.valueSerde(CameraFrame.class).serializer(), "it-site", Clock.systemUTC());
        // Frames are sent as fast as the broker takes them, like a backlog: captured in the recent past, not ahead
        // of the broker's clock.
        this.start = cameras.now().minus(Duration.ofMinutes(10));
    }

    /** The running (or last started) Kafka Streams instance. */
    StreamsApp app() {
        return app;
    }

    /** Starts a Kafka Streams instance with its own state directory and waits until it runs. */
    StreamsApp startApp(Path stateDir) throws InterruptedException {
        return startApp(stateDir, new io.platestream.app.ReplaceThreadHandler());
    }

    /** As {@link #startApp(Path)}, with the given policy for dying stream threads. */
    StreamsApp startApp(Path stateDir, org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler handler)
            throws InterruptedException {
        java.util.Properties props = config.streamsProperties();
        props.setProperty("state.dir", stateDir.toString());
        app = StreamsApp.start(PlateStreamTopology.topology(config, engine, serdes), props, handler);
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            throw new AssertionError("Kafka Streams did not reach RUNNING: " + app.state());
        }
        return app;
    }

    /** Sends the frames (as fast as the broker takes them) with capture times relative to this pipeline's start. */
    List<CameraSimulator.SentFrame> send(FrameManifest frames, List<CameraSimulator.Injection> injections)
            throws InterruptedException {
        return cameras.replay(frames, start, Double.POSITIVE_INFINITY, injections, frame -> { });
    }

    /** Waits for a condition on the outputs, failing the test with {@code what} if it does not come true in time. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        if (!watcher.await(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; outputs so far: "
                    + summary());
        }
    }

    <T> List<T> values(String topic, Class<T> type) {
        return watcher.values(topic, type);
    }

    List<PlateEvent> finals() {
        return values(topics.events(), PlateEvent.class).stream()
                .filter(e -> e.getStatus() == EventStatus.FINAL).toList();
    }

    /** Frames that ended as an outcome or a reject. */
    int accountedFrames() {
        return watcher.count(topics.outcomes()) + watcher.count(topics.rejected());
    }

    /**
     * Reads a topic from the beginning to its end with a fresh read_committed consumer: everything committed by now,
     * independent of the watcher (records of aborted transactions are not returned).
     */
    <T> List<T> readCommitted(String topic, Deserializer<T> deserializer) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<T> values = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);  // the last stable offsets
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(deserializer.deserialize(topic, record.value()));
                }
            }
        }
        return values;
    }

    String summary() {
        return "outcomes=" + watcher.count(topics.outcomes()) + " rejected=" + watcher.count(topics.rejected())
                + " reads=" + watcher.count(topics.reads()) + " events=" + watcher.count(topics.events())
                + " visits=" + watcher.count(topics.visits()) + " unmatched=" + watcher.count(topics.unmatched())
                + " expired=" + watcher.count(topics.expired());
    }

    @Override
    public void close() {
        if (app != null) {
            app.close(Duration.ofSeconds(30));
        }
        cameras.close();
        watcher.close();
    }
}
