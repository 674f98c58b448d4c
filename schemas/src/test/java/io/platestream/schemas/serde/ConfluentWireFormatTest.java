package io.platestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

  @Test
  void framesMagicByteBigEndianIdAndBody() {
    byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});

    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42, 43);
  }

  @Test
  void roundTripsIdAndBody() {
    byte[] body = {7, 8, 9, 10};
    for (int id : new int[] {0, 1, 255, 256, 65_536, 123_456_789, Integer.MAX_VALUE, -1}) {
      byte[] framed = ConfluentWireFormat.frame(id, body);

      assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(id);
      ByteBuffer read = ConfluentWireFormat.body(framed);
      byte[] copy = new byte[read.remaining()];
      read.get(copy);
      assertThat(copy).isEqualTo(body);
    }
  }

  @Test
  void bodyIsAViewOverTheDataWithoutCopy() {
    byte[] framed = ConfluentWireFormat.frame(5, new byte[] {1, 2, 3});

    ByteBuffer body = ConfluentWireFormat.body(framed);

    assertThat(body.position()).isZero();
    assertThat(body.remaining()).isEqualTo(3);
    assertThat(body.array()).isSameAs(framed);
    assertThat(body.arrayOffset()).isEqualTo(ConfluentWireFormat.HEADER_LENGTH);
  }

  @Test
  void emptyBodyIsAllowed() {
    byte[] framed = ConfluentWireFormat.frame(9, new byte[0]);

    assertThat(framed).hasSize(5);
    assertThat(ConfluentWireFormat.schemaId(framed)).isEqualTo(9);
    assertThat(ConfluentWireFormat.body(framed).remaining()).isZero();
  }

  @Test
  void refusesAnotherMagicByteSayingWhatWasFoundAndExpected() {
    byte[] data = {1, 0, 0, 0, 7, 99};

    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(data))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte 0x01")
        .hasMessageContaining("expected 0x00");
    assertThatThrownBy(() -> ConfluentWireFormat.body(data)).isInstanceOf(SerializationException.class);
  }

  @Test
  void refusesPlainJsonOrTextWithTheByteFound() {
    byte[] json = "{\"frame_id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("0x7b (123)");
  }

  @Test
  void refusesDataShorterThanTheHeader() {
    for (int length = 0; length < 5; length++) {
      byte[] data = new byte[length];
      int len = length;
      assertThatThrownBy(() -> ConfluentWireFormat.schemaId(data))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("too short")
          .hasMessageContaining("got " + len + " byte(s), expected at least 5");
    }
  }

  @Test
  void refusesNullData() {
    assertThatThrownBy(() -> ConfluentWireFormat.schemaId(null))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("No data");
  }
}
