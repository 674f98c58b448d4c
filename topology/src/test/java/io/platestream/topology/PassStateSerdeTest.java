package io.platestream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platestream.schemas.Direction;
import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateType;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PassStateSerdeTest {

    @Test
    void openPassesRoundTrip() {
        PassRead a = new PassRead("f1", 1000, "皖AF3425", PlateColor.BLUE, PlateType.SMALL_CAR,
                new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 0.9, new float[] {0.9f, 0.8f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f},
                "engine/1");
        PassRead b = new PassRead("f2", 1200, "皖AD12345", PlateColor.GREEN, PlateType.NEW_ENERGY_SMALL,
                new int[0], 0.7, new float[0], "");
        OpenPass p = OpenPass.open("site", "cam", "gate", Direction.ENTRY, a, 50_000);
        p.add(b, 50_100, 10);
        p.previewSent = true;
        OpenPass q = OpenPass.open("site", "cam", "gate", Direction.ENTRY, b, 50_200);
        PassStateSerde serde = new PassStateSerde();
        byte[] bytes = serde.serializer().serialize("t", List.of(p, q));
        List<OpenPass> back = serde.deserializer().deserialize("t", bytes);
        assertThat(back).hasSize(2);
        OpenPass r = back.get(0);
        assertThat(r.eventId).isEqualTo(p.eventId);
        assertThat(r.direction).isEqualTo(Direction.ENTRY);
        assertThat(r.previewSent).isTrue();
        assertThat(r.lastWallMs).isEqualTo(50_100);
        assertThat(r.firstSeen).isEqualTo(1000);
        assertThat(r.lastSeen).isEqualTo(1200);
        assertThat(r.readCount).isEqualTo(2);
        assertThat(r.reads).containsExactly(a, b);
        assertThat(back.get(1).eventId).isEqualTo(q.eventId).isNotEqualTo(p.eventId);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void corruptBytesAreASerializationException() {
        assertThatThrownBy(() -> PassStateSerde.read(new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> PassStateSerde.read(new byte[] {1, 0, 0, 0, 1, 0, 0}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void readsBeyondTheCapDropTheLeastConfidentButStillCount() {
        PassRead first = PassVoteTest.read("皖AF3425", 0.9);
        OpenPass p = OpenPass.open("s", "c", "g", Direction.EXIT, first, 0);
        p.add(PassVoteTest.read("皖AF3425", 0.2), 0, 3);
        p.add(PassVoteTest.read("皖AF3425", 0.8), 0, 3);
        p.add(PassVoteTest.read("皖AF3425", 0.7), 0, 3);
        assertThat(p.readCount).isEqualTo(4);
        assertThat(p.reads).extracting(PassRead::confidence).containsExactly(0.9, 0.8, 0.7);
    }

    @Test
    void eventIdIsDeterministic() {
        PassRead r = PassVoteTest.read("皖AF3425", 0.9);
        assertThat(OpenPass.eventId("cam", r)).isEqualTo(OpenPass.eventId("cam", r))
                .isNotEqualTo(OpenPass.eventId("cam2", r));
    }
}
