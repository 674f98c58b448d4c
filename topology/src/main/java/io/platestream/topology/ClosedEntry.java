package io.platestream.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The last entry closed under a pairing key, remembered by {@link VisitPairing} for
 * {@link PlateStreamConfig#closedRetention()}.
 *
 * @param entryEventId the entry's event id
 * @param entryTime    the entry's time (last_seen), epoch ms
 * @param expired      true when it was closed by expiry, false when it was paired into a visit
 * @param closedAt     stream time of the closing, epoch ms
 */
record ClosedEntry(String entryEventId, long entryTime, boolean expired, long closedAt) {

    private static final byte VERSION = 1;

    /** Private, versioned binary format for the closed-entries store and its changelog. */
    static Serde<ClosedEntry> serde() {
        Serializer<ClosedEntry> ser = (topic, c) -> {
            if (c == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                byte[] id = c.entryEventId.getBytes(StandardCharsets.UTF_8);
                out.writeInt(id.length);
                out.write(id);
                out.writeLong(c.entryTime);
                out.writeBoolean(c.expired);
                out.writeLong(c.closedAt);
            } catch (IOException e) {
                throw new SerializationException(e);
            }
            return bytes.toByteArray();
        };
        Deserializer<ClosedEntry> de = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte v = in.readByte();
                if (v != VERSION) {
                    throw new SerializationException("closed entry format version " + v + " is not " + VERSION);
                }
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new SerializationException("bad closed entry id length " + len);
                }
                String id = new String(in.readNBytes(len), StandardCharsets.UTF_8);
                return new ClosedEntry(id, in.readLong(), in.readBoolean(), in.readLong());
            } catch (IOException e) {
                throw new SerializationException("cannot read closed entry", e);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(ser, de);
    }
}
