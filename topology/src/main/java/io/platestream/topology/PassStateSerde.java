package io.platestream.topology;

import io.platestream.schemas.Direction;
import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary format of the pass store's values (the open passes of one camera), used for the store and its changelog.
 * A private, versioned format (first byte {@value #VERSION}) rather than Avro with the registry: the store is internal
 * and must stay readable across changes of the public schemas. A future format bumps the version byte and keeps a
 * reader for the old one. Enum values are stored by name; an unknown name reads as UNKNOWN.
 */
final class PassStateSerde implements Serde<List<OpenPass>> {

    static final byte VERSION = 1;

    @Override
    public Serializer<List<OpenPass>> serializer() {
        return (topic, passes) -> passes == null ? null : write(passes);
    }

    @Override
    public Deserializer<List<OpenPass>> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    static byte[] write(List<OpenPass> passes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(passes.size());
            for (OpenPass p : passes) {
                str(out, p.eventId);
                str(out, p.siteId);
                str(out, p.cameraId);
                str(out, p.gateId);
                str(out, p.direction.name());
                out.writeBoolean(p.previewSent);
                out.writeLong(p.lastWallMs);
                out.writeLong(p.firstSeen);
                out.writeLong(p.lastSeen);
                out.writeInt(p.readCount);
                out.writeInt(p.reads.size());
                for (PassRead r : p.reads) {
                    str(out, r.frameId());
                    out.writeLong(r.capturedAt());
                    str(out, r.plate());
                    str(out, r.color().name());
                    str(out, r.type().name());
                    out.writeInt(r.corners().length);
                    for (int c : r.corners()) {
                        out.writeInt(c);
                    }
                    out.writeDouble(r.confidence());
                    out.writeInt(r.charConfidences().length);
                    for (float f : r.charConfidences()) {
                        out.writeFloat(f);
                    }
                    str(out, r.engineVersion());
                }
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write pass state", e);
        }
        return bytes.toByteArray();
    }

    static List<OpenPass> read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("pass state format version " + version + " is not " + VERSION);
            }
            int n = in.readInt();
            List<OpenPass> passes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String eventId = str(in);
                String siteId = str(in);
                String cameraId = str(in);
                String gateId = str(in);
                Direction direction = enumOf(Direction.class, str(in), Direction.UNKNOWN);
                boolean previewSent = in.readBoolean();
                long lastWall = in.readLong();
                long first = in.readLong();
                long last = in.readLong();
                int readCount = in.readInt();
                int nReads = in.readInt();
                List<PassRead> reads = new ArrayList<>(nReads);
                for (int j = 0; j < nReads; j++) {
                    String frameId = str(in);
                    long capturedAt = in.readLong();
                    String plate = str(in);
                    PlateColor color = enumOf(PlateColor.class, str(in), PlateColor.UNKNOWN);
                    PlateType type = enumOf(PlateType.class, str(in), PlateType.UNKNOWN);
                    int[] corners = new int[in.readInt()];
                    for (int k = 0; k < corners.length; k++) {
                        corners[k] = in.readInt();
                    }
                    double confidence = in.readDouble();
                    float[] chars = new float[in.readInt()];
                    for (int k = 0; k < chars.length; k++) {
                        chars[k] = in.readFloat();
                    }
                    reads.add(new PassRead(frameId, capturedAt, plate, color, type, corners, confidence, chars,
                            str(in)));
                }
                passes.add(new OpenPass(eventId, siteId, cameraId, gateId, direction, previewSent, lastWall, first,
                        last, readCount, reads));
            }
            if (in.available() > 0) {
                throw new SerializationException("pass state has " + in.available() + " trailing bytes");
            }
            return passes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("cannot read pass state", e);
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new IOException("bad string length " + len);
        }
        byte[] b = in.readNBytes(len);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
