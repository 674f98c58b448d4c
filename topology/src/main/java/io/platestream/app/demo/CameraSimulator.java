package io.platestream.app.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Direction;

/**
 * Plays gate cameras: sends the frames of a {@link FrameManifest} to the frames topic as {@link CameraFrame} records
 * keyed by camera id, at the pace of their offsets, with {@code captured_at} = replay start + offset. It can also send
 * {@link BadFrames bad inputs} to show how the pipeline refuses them.
 *
 * <p>Event time comes from {@code captured_at}, so a replay may run faster than real time ({@code speed} &gt; 1): the
 * capture timestamps keep the manifest's spacing while the frames are sent sooner.
 */
public final class CameraSimulator implements AutoCloseable {

    /** Largest record the simulator sends: a 10 MiB image plus the frame's metadata. */
    public static final int MAX_RECORD_BYTES = 11 * 1024 * 1024;

    /**
     * A frame that was sent.
     *
     * @param frameId      its frame id ({@code <camera>-<sequence>}; for a raw record, the id it would have had)
     * @param cameraId     the camera (record key)
     * @param gateId       the gate
     * @param direction    the lane direction
     * @param capturedAt   capture time written into the frame
     * @param offsetMs     offset from the replay start
     * @param what         a short description: the file name, or the bad input's name
     * @param plateText    the ground truth, if known
     * @param expectedCode the reject code expected for a bad input
     */
    public record SentFrame(String frameId, String cameraId, String gateId, Direction direction, Instant capturedAt,
                            long offsetMs, String what, Optional<String> plateText, Optional<String> expectedCode) {
    }

    /** Told about each frame once it is sent. */
    @FunctionalInterface
    public interface Listener {
        void sent(SentFrame frame);
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Serializer<CameraFrame> serializer;
    private final String siteId;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param bootstrapServers the cluster
     * @param topic            the frames topic ({@code images})
     * @param serializer       the CameraFrame value serializer (registry wire format)
     * @param siteId           the site all cameras belong to
     * @param clock            source of capture times
     */
    public CameraSimulator(String bootstrapServers, String topic, Serializer<CameraFrame> serializer, String siteId,
                           Clock clock) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, serializer, siteId, clock);
    }

    /** As above, with any producer settings (bootstrap.servers, security, ...). */
    public CameraSimulator(Map<String, Object> producerConfig, String topic, Serializer<CameraFrame> serializer,
                           String siteId, Clock clock) {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "platestream-camera-simulator");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = Objects.requireNonNull(topic);
        this.serializer = Objects.requireNonNull(serializer);
        this.siteId = Objects.requireNonNull(siteId);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A bad input to send during a replay, at an offset, as if from the given camera.
     *
     * @param offsetMs  when to send it, from the replay start
     * @param bad       the bad input
     * @param cameraId  the camera it claims to come from
     * @param gateId    its gate
     * @param direction its direction
     */
    public record Injection(long offsetMs, BadFrames.BadFrame bad, String cameraId, String gateId, Direction direction) {
    }

    /** As {@link #replay(FrameManifest, Instant, double, List, Listener)} without bad inputs. */
    public List<SentFrame> replay(FrameManifest manifest, Instant start, double speed, Listener listener)
            throws InterruptedException {
        return replay(manifest, start, speed, List.of(), listener);
    }

    /**
     * Sends every frame of the manifest, and the injected bad inputs, in offset order, waiting between them so that
     * the replay takes the manifest's time divided by {@code speed}; returns once all are acknowledged by the broker.
     *
     * @param start      capture time of offset 0
     * @param speed      how much faster than real time to send (1 = real time; {@code Double.POSITIVE_INFINITY} = no
     *                   pause)
     * @param injections bad inputs to send among the frames
     */
    public List<SentFrame> replay(FrameManifest manifest, Instant start, double speed, List<Injection> injections,
                                  Listener listener) throws InterruptedException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        List<Object> schedule = new ArrayList<>(manifest.entries());
        schedule.addAll(injections);
        schedule.sort(java.util.Comparator.comparingLong(item -> item instanceof FrameManifest.Entry e
                ? e.offsetMs() : ((Injection) item).offsetMs()));  // stable: frames before injections at equal offsets
        long wallStart = System.nanoTime();
        List<SentFrame> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Object item : schedule) {
            long offsetMs = item instanceof FrameManifest.Entry e ? e.offsetMs() : ((Injection) item).offsetMs();
            long dueNanos = wallStart + (long) (offsetMs * 1_000_000d / speed);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                producer.flush();
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
            Instant capturedAt = start.plusMillis(offsetMs);
            SentFrame frame;
            if (item instanceof FrameManifest.Entry entry) {
                frame = new SentFrame(nextFrameId(entry.cameraId()), entry.cameraId(), entry.gateId(),
                        entry.direction(), capturedAt, offsetMs, entry.file(), entry.plateText(), Optional.empty());
                acks.add(send(frame, manifest.bytes(entry), contentType(entry.file())));
            } else {
                Injection injection = (Injection) item;
                frame = sendBad(injection.bad(), injection.cameraId(), injection.gateId(), injection.direction(),
                        capturedAt, offsetMs);
            }
            sent.add(frame);
            listener.sent(frame);
        }
        awaitAll(acks);
        return sent;
    }

    /** Sends one frame with the given image bytes (or raw record value, for {@link BadFrames#garbageRecord()}). */
    public SentFrame sendBad(BadFrames.BadFrame bad, String cameraId, String gateId, Direction direction,
                             Instant capturedAt, long offsetMs) {
        SentFrame frame = new SentFrame(nextFrameId(cameraId), cameraId, gateId, direction, capturedAt, offsetMs,
                bad.name(), Optional.empty(), Optional.of(bad.expectedCode()));
        Future<RecordMetadata> ack = bad.rawRecord()
                ? producer.send(new ProducerRecord<>(topic, null, capturedAt.toEpochMilli(), cameraId, bad.bytes()))
                : send(frame, bad.bytes(), null);
        awaitAll(List.of(ack));
        return frame;
    }

    /** Sends one frame with the given metadata and image; the future completes when the broker has it. */
    public Future<RecordMetadata> send(SentFrame frame, byte[] image, String contentType) {
        CameraFrame value = CameraFrame.newBuilder()
                .setFrameId(frame.frameId())
                .setSiteId(siteId)
                .setCameraId(frame.cameraId())
                .setGateId(frame.gateId())
                .setDirection(frame.direction())
                .setCapturedAt(frame.capturedAt())
                .setContentType(contentType)
                .setImage(java.nio.ByteBuffer.wrap(image))
                .setImageUri(null)
                .build();
        byte[] bytes = serializer.serialize(topic, value);
        return producer.send(new ProducerRecord<>(topic, null, frame.capturedAt().toEpochMilli(), frame.cameraId(), bytes));
    }

    /** The current time of the simulator's clock in whole milliseconds (as on the wire), to use as a replay start. */
    public Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * The capture time to give offset 0 of a replay starting now at {@code speed}: now, or, faster than real time,
     * early enough that no frame is sent before the time it was captured (brokers and consumers distrust timestamps
     * from the future).
     */
    public Instant replayStart(FrameManifest manifest, double speed) {
        List<FrameManifest.Entry> entries = manifest.entries();
        long lastOffset = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offsetMs();
        long lead = speed > 1 ? (long) Math.ceil(lastOffset * (1 - 1 / speed)) : 0;
        return now().minusMillis(lead);
    }

    private String nextFrameId(String cameraId) {
        return String.format("%s-%06d", cameraId, sequence.incrementAndGet());
    }

    private static String contentType(String file) {
        String name = file.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        } else if (name.endsWith(".png")) {
            return "image/png";
        } else if (name.endsWith(".webp")) {
            return "image/webp";
        } else if (name.endsWith(".bmp")) {
            return "image/bmp";
        }
        return null;
    }

    private void awaitAll(List<Future<RecordMetadata>> acks) {
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused a frame: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending frames", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
