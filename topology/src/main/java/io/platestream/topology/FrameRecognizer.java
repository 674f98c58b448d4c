package io.platestream.topology;

import io.platestream.engine.ImageRejectedException;
import io.platestream.engine.PlateRecognizer;
import io.platestream.engine.PlateResult;
import io.platestream.engine.Point;
import io.platestream.engine.Recognition;
import io.platestream.engine.RejectCode;
import io.platestream.engine.validate.ImageInfo;
import io.platestream.engine.validate.ImageValidator;
import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.Direction;
import io.platestream.schemas.FrameOutcome;
import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.PlateType;
import io.platestream.schemas.RejectStage;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.Vertex;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First stage of the topology: turns one raw {@code images} record into a {@link FrameResult}. Never throws for bad
 * input, so one bad record cannot stop the application:
 * <ol>
 *   <li>deserializes the {@link CameraFrame} itself (the source is consumed as bytes), so a record that is not a frame
 *       (a poison pill, a tombstone) becomes a reject with {@link RejectCode#UNREADABLE_RECORD}, stage DESERIALIZE,
 *       camera from the record key and the source topic, partition and offset for replay;</li>
 *   <li>fetches the image: inline bytes, or a {@code file:} URI (inside {@link PlateStreamConfig#frameUriRoot()} when
 *       configured); neither, another scheme or an unreadable file is {@link RejectCode#MISSING_IMAGE};</li>
 *   <li>validates it with {@link ImageValidator} (stage VALIDATE, the validator's code);</li>
 *   <li>recognises it: an {@link ImageRejectedException} from the engine keeps its code (stage DECODE for
 *       {@link RejectCode#CORRUPT_IMAGE}, VALIDATE for the other validation codes, RECOGNIZE otherwise); any other
 *       exception is {@link RejectCode#ENGINE_FAILURE} at stage RECOGNIZE.</li>
 * </ol>
 * A recognised frame yields a {@link FrameOutcome} (also with zero plates) and one {@link PlateRead} per plate; the
 * record timestamp becomes the frame's capture time. Frames without a plate and rejected frames are also counted in
 * the Streams metrics, group {@code stream-platestream-frames-metrics}, as {@code no-plate-total}/{@code -rate} and
 * {@code rejected-total}/{@code -rate}.
 */
final class FrameRecognizer implements FixedKeyProcessor<String, byte[], FrameResult> {

    static final String METRICS_SCOPE = "platestream-frames";

    private final Deserializer<CameraFrame> frames;
    private final ImageValidator validator;
    private final PlateRecognizer engine;
    private final Optional<Path> uriRoot;
    private FixedKeyProcessorContext<String, FrameResult> context;
    private Sensor noPlate;
    private Sensor rejected;

    FrameRecognizer(Deserializer<CameraFrame> frames, ImageValidator validator, PlateRecognizer engine,
                    Optional<Path> uriRoot) {
        this.frames = Objects.requireNonNull(frames);
        this.validator = Objects.requireNonNull(validator);
        this.engine = Objects.requireNonNull(engine);
        this.uriRoot = Objects.requireNonNull(uriRoot);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, FrameResult> context) {
        this.context = context;
        String entity = "task-" + context.taskId();
        noPlate = context.metrics().addRateTotalSensor(METRICS_SCOPE, entity, "no-plate", Sensor.RecordingLevel.INFO);
        rejected = context.metrics().addRateTotalSensor(METRICS_SCOPE, entity, "rejected", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        byte[] raw = record.value();
        CameraFrame frame;
        try {
            if (raw == null) {
                throw new IllegalArgumentException("the record has no value (a tombstone)");
            }
            frame = frames.deserialize(topic(), raw);
            if (frame == null) {
                throw new IllegalArgumentException("the value deserialized to null");
            }
        } catch (RuntimeException e) {
            reject(record, unreadable(record.key(), raw, e));
            return;
        }
        FrameResult result = recognise(frame);
        if (result instanceof FrameResult.Rejected r) {
            reject(record, r.frame());
            return;
        }
        FrameResult.Recognised ok = (FrameResult.Recognised) result;
        if (ok.reads().isEmpty()) {
            noPlate.record();
        }
        context.forward(record.withValue(result).withTimestamp(frame.getCapturedAt().toEpochMilli()));
    }

    private FrameResult recognise(CameraFrame frame) {
        byte[] image;
        try {
            image = imageBytes(frame);
            validator.validate(image);
        } catch (ImageRejectedException e) {
            return new FrameResult.Rejected(rejectedFrame(frame, e.code(), e.detail(), RejectStage.VALIDATE));
        }
        Recognition recognition;
        try {
            recognition = engine.recognize(image);
            if (recognition == null) {
                throw new IllegalStateException("the engine returned no result");
            }
        } catch (ImageRejectedException e) {
            return new FrameResult.Rejected(rejectedFrame(frame, e.code(), e.detail(), stageOf(e.code())));
        } catch (Exception e) {
            String detail = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new FrameResult.Rejected(rejectedFrame(frame, RejectCode.ENGINE_FAILURE, detail,
                    RejectStage.RECOGNIZE));
        }
        List<PlateRead> reads = new ArrayList<>();
        String version = engine.modelVersion();
        for (PlateResult plate : recognition.plates()) {
            if (plate.number() != null && !PlateText.clean(plate.number()).isEmpty()) {
                reads.add(read(frame, plate, version));
            }
        }
        FrameOutcome outcome = FrameOutcome.newBuilder()
                .setFrameId(frame.getFrameId())
                .setSiteId(frame.getSiteId())
                .setCameraId(frame.getCameraId())
                .setCapturedAt(frame.getCapturedAt())
                .setWidth(recognition.width())
                .setHeight(recognition.height())
                .setPlateCount(reads.size())
                .setEngineMicros(recognition.nanos() / 1000)
                .setEngineVersion(version)
                .build();
        return new FrameResult.Recognised(outcome, reads);
    }

    /** The frame's image: inline bytes, or the file a {@code file:} URI names. */
    byte[] imageBytes(CameraFrame frame) throws ImageRejectedException {
        ByteBuffer inline = frame.getImage();
        if (inline != null) {
            ByteBuffer b = inline.duplicate();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
        String uri = frame.getImageUri();
        if (uri == null || uri.isBlank()) {
            throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "neither image nor image_uri is set");
        }
        Path path;
        try {
            URI u = new URI(uri.trim());
            if (!"file".equalsIgnoreCase(u.getScheme())) {
                throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "image_uri '" + uri
                        + "' has scheme '" + u.getScheme() + "'; only file: URIs are supported");
            }
            path = Path.of(u).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "image_uri '" + uri + "' is not a usable "
                    + "file: URI (" + e.getMessage() + ")");
        }
        if (uriRoot.isPresent() && !path.startsWith(uriRoot.get())) {
            throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "image_uri '" + uri
                    + "' is outside the configured image directory " + uriRoot.get());
        }
        try {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "image_uri '" + uri
                        + "' names no readable file");
            }
            long size = Files.size(path);
            if (size > ImageValidator.MAX_BYTES) {
                throw new ImageRejectedException(RejectCode.FILE_TOO_LARGE, "file " + path + " has " + size
                        + " bytes, over the " + ImageValidator.MAX_BYTES + " byte limit");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ImageRejectedException(RejectCode.MISSING_IMAGE, "cannot read image_uri '" + uri + "': "
                    + e.getMessage(), e);
        }
    }

    private static RejectStage stageOf(RejectCode code) {
        return switch (code) {
            case CORRUPT_IMAGE -> RejectStage.DECODE;
            case UNSUPPORTED_FORMAT, EMPTY_IMAGE, IMAGE_SIZE, FILE_TOO_LARGE, ASPECT_RATIO, MISSING_IMAGE ->
                    RejectStage.VALIDATE;
            case UNREADABLE_RECORD -> RejectStage.DESERIALIZE;
            default -> RejectStage.RECOGNIZE;
        };
    }

    private void reject(FixedKeyRecord<String, byte[]> record, RejectedFrame frame) {
        rejected.record();
        context.forward(record.withValue(new FrameResult.Rejected(frame)));
    }

    private RejectedFrame unreadable(String key, byte[] raw, RuntimeException e) {
        RejectedFrame.Builder b = RejectedFrame.newBuilder()
                .setCameraId(key)
                .setImageBytes(raw == null ? 0 : raw.length)
                .setErrorCode(RejectCode.UNREADABLE_RECORD.code())
                .setErrorMsg(message(RejectCode.UNREADABLE_RECORD, e.getMessage() == null
                        ? e.getClass().getName() : e.getMessage()))
                .setStage(RejectStage.DESERIALIZE)
                .setRejectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        source(b);
        return b.build();
    }

    private RejectedFrame rejectedFrame(CameraFrame f, RejectCode code, String detail, RejectStage stage) {
        long size = f.getImage() != null ? f.getImage().remaining() : 0;
        RejectedFrame.Builder b = RejectedFrame.newBuilder()
                .setFrameId(f.getFrameId())
                .setSiteId(f.getSiteId())
                .setCameraId(f.getCameraId())
                .setGateId(f.getGateId())
                .setDirection(f.getDirection())
                .setCapturedAt(f.getCapturedAt())
                .setContentType(f.getContentType())
                .setImageBytes(size)
                .setErrorCode(code.code())
                .setErrorMsg(message(code, detail))
                .setStage(stage)
                .setRejectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        source(b);
        return b.build();
    }

    private void source(RejectedFrame.Builder b) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        meta.ifPresent(m -> b.setSourceTopic(m.topic()).setSourcePartition(m.partition())
                .setSourceOffset(m.offset()));
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.IMAGES);
    }

    private static String message(RejectCode code, String detail) {
        return code.message() + (detail == null || detail.isBlank() ? "" : " " + detail);
    }

    private static PlateRead read(CameraFrame frame, PlateResult plate, String version) {
        List<Vertex> corners = new ArrayList<>(plate.corners().size());
        for (Point p : plate.corners()) {
            corners.add(new Vertex((int) Math.round(p.x()), (int) Math.round(p.y())));
        }
        List<Float> chars = new ArrayList<>(plate.charConfidences().size());
        for (Double d : plate.charConfidences()) {
            chars.add(d == null ? Float.NaN : d.floatValue());
        }
        return PlateRead.newBuilder()
                .setFrameId(frame.getFrameId())
                .setSiteId(frame.getSiteId())
                .setCameraId(frame.getCameraId())
                .setGateId(frame.getGateId())
                .setDirection(frame.getDirection() == null ? Direction.UNKNOWN : frame.getDirection())
                .setCapturedAt(frame.getCapturedAt())
                .setPlateNumber(PlateText.clean(plate.number()))
                .setPlateColor(plate.color() == null ? PlateColor.UNKNOWN : enumOf(PlateColor.class,
                        plate.color().name(), PlateColor.UNKNOWN))
                .setPlateType(plate.type() == null ? PlateType.UNKNOWN : enumOf(PlateType.class,
                        plate.type().name(), PlateType.UNKNOWN))
                .setPlateLocation(corners)
                .setConfidence(plate.confidence())
                .setCharConfidences(chars)
                .setDoubleRow(plate.doubleRow())
                .setGrammarValid(plate.grammarValid())
                .setEngineVersion(version)
                .build();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.metrics().removeSensor(noPlate);
            context.metrics().removeSensor(rejected);
        }
    }
}
