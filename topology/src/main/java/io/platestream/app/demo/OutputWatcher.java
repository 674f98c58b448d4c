package io.platestream.app.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.platestream.schemas.EntryExpired;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.UnmatchedExit;
import io.platestream.schemas.Visit;
import io.platestream.schemas.serde.AvroSerdes;
import io.platestream.topology.PlateStreamConfig;

/**
 * Follows the output topics of the pipeline from their beginning with {@code isolation.level=read_committed} (so it
 * sees exactly what a downstream consumer of an exactly-once application sees), decodes each record with the
 * deserializer of its topic, keeps them per topic, and tells a listener as they arrive.
 *
 * <p>Runs its consumer on one background thread; the accessors are thread safe.
 */
public final class OutputWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputWatcher.class);

    /**
     * One output record.
     *
     * @param topic     the topic
     * @param key       the record key, as a string (null if none)
     * @param value     the decoded value; null for a tombstone
     * @param timestamp the record timestamp, epoch millis
     * @param partition the partition
     * @param offset    the offset
     */
    public record Output(String topic, String key, Object value, long timestamp, int partition, long offset) {
    }

    /** Told about every output record, on the watcher's thread. */
    @FunctionalInterface
    public interface Listener {
        void received(Output output);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<?>> deserializers;
    private final Map<String, List<Output>> received = new LinkedHashMap<>();
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Every output topic of the application, each with the deserializer of its Avro value type. */
    public static Map<String, Deserializer<?>> applicationOutputs(PlateStreamConfig.TopicNames topics, AvroSerdes serdes) {
        Map<String, Deserializer<?>> watched = new LinkedHashMap<>();
        watched.put(topics.rejected(), serdes.valueSerde(RejectedFrame.class).deserializer());
        watched.put(topics.outcomes(), serdes.valueSerde(FrameOutcome.class).deserializer());
        watched.put(topics.reads(), serdes.valueSerde(PlateRead.class).deserializer());
        watched.put(topics.events(), serdes.valueSerde(PlateEvent.class).deserializer());
        watched.put(topics.visits(), serdes.valueSerde(Visit.class).deserializer());
        watched.put(topics.unmatched(), serdes.valueSerde(UnmatchedExit.class).deserializer());
        watched.put(topics.expired(), serdes.valueSerde(EntryExpired.class).deserializer());
        return watched;
    }

    /**
     * Starts following {@code topics} (topic name to value deserializer).
     *
     * @param bootstrapServers the cluster
     * @param topics           the topics and how to decode their values
     * @param listener         told about each record as it arrives
     */
    public OutputWatcher(String bootstrapServers, Map<String, ? extends Deserializer<?>> topics, Listener listener) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics, listener);
    }

    /** As above, with any consumer settings (bootstrap.servers, security, ...). */
    public OutputWatcher(Map<String, Object> consumerConfig, Map<String, ? extends Deserializer<?>> topics,
                         Listener listener) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "platestream-watcher-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.deserializers = Map.copyOf(topics);
        this.listener = Objects.requireNonNull(listener);
        topics.keySet().forEach(topic -> received.put(topic, new ArrayList<>()));
        consumer.subscribe(topics.keySet());
        this.thread = new Thread(this::loop, "platestream-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Object value = record.value() == null ? null
                            : deserializers.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
                    Output output = new Output(record.topic(), record.key(), value, record.timestamp(),
                            record.partition(), record.offset());
                    synchronized (this) {
                        received.get(record.topic()).add(output);
                        notifyAll();
                    }
                    listener.received(output);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Output watcher failed", e);
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Every record received so far on {@code topic}, in arrival order. */
    public synchronized List<Output> received(String topic) {
        List<Output> outputs = received.get(topic);
        if (outputs == null) {
            throw new IllegalArgumentException("not watching " + topic + " (watching " + received.keySet() + ")");
        }
        return List.copyOf(outputs);
    }

    /** The decoded values received so far on {@code topic}. */
    public <T> List<T> values(String topic, Class<T> type) {
        return received(topic).stream().map(Output::value).map(type::cast).toList();
    }

    /** How many records arrived on {@code topic}. */
    public synchronized int count(String topic) {
        return received(topic).size();
    }

    /**
     * Waits until {@code condition} holds (checked whenever a record arrives, and every 100 ms) or {@code timeout}
     * passes.
     *
     * @return whether the condition holds
     * @throws IllegalStateException if the watcher's consumer failed
     */
    public boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                if (failure != null) {
                    throw new IllegalStateException("output watcher failed: " + failure, failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) {
                    return condition.getAsBoolean();
                }
                wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
            return true;
        }
    }

    /** Stops following and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
