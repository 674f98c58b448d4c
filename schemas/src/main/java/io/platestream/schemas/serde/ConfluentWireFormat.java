package io.platestream.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent Schema Registry wire format of a record value: one magic byte {@code 0}, the writer schema's registry id
 * as a 4-byte big-endian int, then the Avro binary encoding of the record.
 *
 * <pre>
 * +------+----------------------+---------------------------+
 * | 0x00 | schema id (int32 BE) | Avro binary body ...      |
 * +------+----------------------+---------------------------+
 *  byte 0   bytes 1..4             bytes 5..
 * </pre>
 *
 * <p>Stateless and thread safe. Malformed input (null, shorter than {@value #HEADER_LENGTH} bytes, or a magic byte other
 * than {@value #MAGIC_BYTE}) is reported as a Kafka {@link SerializationException} that says what was found and what
 * was expected, so a Streams deserialization handler can route the record to a reject topic.
 */
public final class ConfluentWireFormat {

  /** The only magic byte this format defines. */
  public static final byte MAGIC_BYTE = 0;
  /** Length of the header that precedes the Avro body: magic byte plus 4-byte schema id. */
  public static final int HEADER_LENGTH = 5;

  private ConfluentWireFormat() {}

  /**
   * Frames an Avro binary body with the magic byte and schema id.
   *
   * @param schemaId the registry id of the schema the body was written with
   * @param avroBody the Avro binary encoding of one datum (may be empty, never null)
   * @return a new array of {@code HEADER_LENGTH + avroBody.length} bytes
   */
  public static byte[] frame(int schemaId, byte[] avroBody) {
    if (avroBody == null) {
      throw new IllegalArgumentException("avroBody must not be null (a tombstone is a null record value, not a framed one)");
    }
    byte[] framed = new byte[HEADER_LENGTH + avroBody.length];
    writeHeader(framed, schemaId);
    System.arraycopy(avroBody, 0, framed, HEADER_LENGTH, avroBody.length);
    return framed;
  }

  /**
   * Reads the schema id from framed data, after checking the header.
   *
   * @throws SerializationException if the data is null, too short or does not start with the magic byte
   */
  public static int schemaId(byte[] data) {
    checkHeader(data);
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
  }

  /**
   * The Avro body of framed data, after checking the header: a buffer over {@code data} itself (no copy) whose position
   * is 0 and whose limit is the body length; {@code arrayOffset()} is {@value #HEADER_LENGTH}.
   *
   * @throws SerializationException if the data is null, too short or does not start with the magic byte
   */
  public static ByteBuffer body(byte[] data) {
    checkHeader(data);
    return ByteBuffer.wrap(data, HEADER_LENGTH, data.length - HEADER_LENGTH).slice();
  }

  /** Writes the magic byte and the big-endian schema id into the first {@value #HEADER_LENGTH} bytes of {@code target}. */
  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * Checks that {@code data} is long enough and starts with the magic byte.
   *
   * @throws SerializationException with a message naming what was found and what was expected
   */
  static void checkHeader(byte[] data) {
    if (data == null) {
      throw new SerializationException("No data: expected at least " + HEADER_LENGTH
          + " bytes (magic byte 0 and a 4-byte schema id) in Confluent Schema Registry wire format");
    }
    if (data.length < HEADER_LENGTH) {
      throw new SerializationException("Data too short for Confluent Schema Registry wire format: got " + data.length
          + " byte(s), expected at least " + HEADER_LENGTH + " (magic byte 0 and a 4-byte schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "Unknown magic byte 0x%02x (%d): expected 0x00 (Confluent Schema Registry wire format); the record was not "
              + "written by a schema-registry-aware Avro serializer", data[0] & 0xff, data[0] & 0xff));
    }
  }
}
