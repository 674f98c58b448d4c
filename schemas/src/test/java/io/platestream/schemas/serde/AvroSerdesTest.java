package io.platestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.PlateEvent;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.RejectedFrame;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import io.platestream.schemas.registry.SchemaSets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdesTest {

  private final CountingRegistry registry = new CountingRegistry();
  private final AvroSerdes serdes = new AvroSerdes(registry, true);

  static Stream<SpecificRecord> samples() {
    return SampleRecords.all().stream();
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> Serde<T> serdeOf(T record) {
    return serdes.valueSerde((Class<T>) record.getClass());
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("samples")
  <T extends SpecificRecord> void roundTripsEveryGeneratedRecordClass(T record) {
    Serde<T> serde = serdeOf(record);
    String topic = "topic." + record.getSchema().getName();

    byte[] bytes = serde.serializer().serialize(topic, record);
    T back = serde.deserializer().deserialize(topic, bytes);

    assertThat(back).isEqualTo(record).isNotSameAs(record);
    assertThat(bytes[0]).isZero();
    int id = ConfluentWireFormat.schemaId(bytes);
    assertThat(registry.delegate.versions(topic + "-value")).containsExactly(id);
    assertThat(registry.delegate.getById(id)).isEqualTo(record.getSchema());
  }

  /** Guards the sample list: a schema added to src/main/avro without a sample here fails this test. */
  @Test
  void samplesCoverEveryGeneratedRecordClass() {
    Set<String> records = SchemaSets.load(Path.of("src/main/avro")).values().stream()
        .filter(s -> s.getType() == Schema.Type.RECORD).map(Schema::getFullName).collect(Collectors.toSet());
    Set<String> sampled = samples().map(r -> r.getClass().getName()).collect(Collectors.toSet());

    assertThat(records).isNotEmpty();
    assertThat(sampled).containsAll(records);
  }

  @Test
  void cameraFrameImageBytesSurviveExactly() {
    CameraFrame frame = SampleRecords.cameraFrame();
    byte[] image = SampleRecords.jpegLikeBytes(2 * 1024 * 1024, 99);
    frame.setImage(ByteBuffer.wrap(image));
    Serde<CameraFrame> serde = serdes.valueSerde(CameraFrame.class);

    CameraFrame back = serde.deserializer().deserialize("images", serde.serializer().serialize("images", frame));

    ByteBuffer buffer = back.getImage();
    byte[] read = new byte[buffer.remaining()];
    buffer.get(read);
    assertThat(read).isEqualTo(image);
    assertThat(back.getCapturedAt()).isEqualTo(SampleRecords.T0);
    assertThat(back.getImageUri()).isNull();
  }

  @Test
  void plateEventKeepsCandidatesInOrderAndUnicodePlates() {
    Serde<PlateEvent> serde = serdes.valueSerde(PlateEvent.class);

    PlateEvent back = serde.deserializer().deserialize("plates.events",
        serde.serializer().serialize("plates.events", SampleRecords.plateEvent()));

    assertThat(back.getCandidates()).extracting(c -> c.getPlateNumber()).containsExactly("皖AF3425", "皖AF3426");
    assertThat(back.getCandidates().get(0).getReads()).isEqualTo(4);
    assertThat(back.getLastSeen()).isEqualTo(SampleRecords.T0.plusMillis(1_200));
  }

  @Test
  void rejectedFrameKeepsItsNulls() {
    Serde<RejectedFrame> serde = serdes.valueSerde(RejectedFrame.class);

    RejectedFrame back = serde.deserializer().deserialize("images.rejected",
        serde.serializer().serialize("images.rejected", SampleRecords.rejectedWithNulls()));

    assertThat(back.getFrameId()).isNull();
    assertThat(back.getCameraId()).isNull();
    assertThat(back.getDirection()).isNull();
    assertThat(back.getCapturedAt()).isNull();
    assertThat(back.getSourcePartition()).isEqualTo(3);
    assertThat(back.getSourceOffset()).isEqualTo(1_234_567_890_123L);
  }

  @Test
  void nullIsATombstoneBothWays() {
    Serde<PlateRead> serde = serdes.valueSerde(PlateRead.class);

    assertThat(serde.serializer().serialize("plates.reads", null)).isNull();
    assertThat(serde.deserializer().deserialize("plates.reads", null)).isNull();
    assertThat(serdes.genericValueSerializer().serialize("plates.reads", null)).isNull();
    assertThat(serdes.genericValueDeserializer().deserialize("plates.reads", null)).isNull();
    assertThat(registry.registers.get() + registry.getByIds.get()).isZero();
  }

  @Test
  void usesTheTopicNameStrategyAndCachesTheIdPerTopic() {
    Serde<PlateRead> serde = serdes.valueSerde(PlateRead.class);
    for (int i = 0; i < 5; i++) {
      serde.serializer().serialize("plates.reads", SampleRecords.plateRead());
      serde.serializer().serialize("plates.reads.replay", SampleRecords.plateRead());
    }
    // another serde from the same AvroSerdes shares the cache
    serdes.valueSerde(PlateRead.class).serializer().serialize("plates.reads", SampleRecords.plateRead());

    assertThat(registry.registers.get()).isEqualTo(2);
    assertThat(registry.delegate.versions("plates.reads-value")).hasSize(1);
    assertThat(registry.delegate.versions("plates.reads.replay-value"))
        .isEqualTo(registry.delegate.versions("plates.reads-value"));
  }

  @Test
  void cachesWriterSchemasAndReadersById() {
    Serde<PlateRead> serde = serdes.valueSerde(PlateRead.class);
    byte[] bytes = serde.serializer().serialize("plates.reads", SampleRecords.plateRead());
    for (int i = 0; i < 5; i++) {
      serde.deserializer().deserialize("plates.reads", bytes);
    }

    assertThat(registry.getByIds.get()).isEqualTo(1);
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaIsAClearError() {
    AvroSerdes lookupOnly = new AvroSerdes(registry, false);
    Serde<PlateRead> serde = lookupOnly.valueSerde(PlateRead.class);

    assertThatThrownBy(() -> serde.serializer().serialize("plates.reads", SampleRecords.plateRead()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.platestream.schemas.PlateRead is not registered under subject 'plates.reads-value'")
        .hasMessageContaining("auto.register.schemas is false");
    assertThat(registry.registers.get()).isZero();
  }

  @Test
  void withoutAutoRegisterAPreRegisteredSchemaIsUsed() {
    int id = registry.delegate.register("plates.reads-value", PlateRead.getClassSchema());
    AvroSerdes lookupOnly = new AvroSerdes(registry, false);
    Serde<PlateRead> serde = lookupOnly.valueSerde(PlateRead.class);

    byte[] first = serde.serializer().serialize("plates.reads", SampleRecords.plateRead());
    serde.serializer().serialize("plates.reads", SampleRecords.plateRead());

    assertThat(ConfluentWireFormat.schemaId(first)).isEqualTo(id);
    assertThat(registry.registers.get()).isZero();
    assertThat(registry.lookups.get()).isEqualTo(1);
    assertThat(lookupOnly.autoRegister()).isFalse();
  }

  @Test
  void anIncompatibleRegistrationSurfacesAsSerializationException() {
    Schema other = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Legacy\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
    registry.delegate.register("plates.reads-value", other);

    assertThatThrownBy(() -> serdes.valueSerde(PlateRead.class).serializer()
        .serialize("plates.reads", SampleRecords.plateRead()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot register schema io.platestream.schemas.PlateRead under subject 'plates.reads-value'")
        .hasMessageContaining("incompatible");
  }

  @Test
  void malformedDataIsASerializationExceptionNamingTheProblem() {
    Serde<PlateRead> serde = serdes.valueSerde(PlateRead.class);
    byte[] good = serde.serializer().serialize("plates.reads", SampleRecords.plateRead());
    int id = ConfluentWireFormat.schemaId(good);

    byte[] badMagic = good.clone();
    badMagic[0] = 2;
    assertThatThrownBy(() -> serde.deserializer().deserialize("plates.reads", badMagic))
        .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 0x02");

    assertThatThrownBy(() -> serde.deserializer().deserialize("plates.reads", new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("too short");

    byte[] unknownId = ConfluentWireFormat.frame(id + 1000, java.util.Arrays.copyOfRange(good, 5, good.length));
    assertThatThrownBy(() -> serde.deserializer().deserialize("plates.reads", unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot fetch writer schema " + (id + 1000))
        .hasMessageContaining("plates.reads");

    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    assertThatThrownBy(() -> serde.deserializer().deserialize("plates.reads", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id " + id);
  }

  @Test
  void dataOfAnotherTypeIsRefusedWithTheReason() {
    byte[] frame = serdes.valueSerde(CameraFrame.class).serializer().serialize("images", SampleRecords.cameraFrame());

    assertThatThrownBy(() -> serdes.valueSerde(PlateRead.class).deserializer().deserialize("images", frame))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("(io.platestream.schemas.CameraFrame), which cannot be read as io.platestream.schemas.PlateRead")
        .hasMessageContaining("NAME_MISMATCH");
  }

  @Test
  void genericDeserializerShowsWhatWasWritten() {
    byte[] bytes = serdes.valueSerde(PlateRead.class).serializer().serialize("plates.reads", SampleRecords.plateRead());

    GenericRecord record = serdes.genericValueDeserializer().deserialize("plates.reads", bytes);

    assertThat(record.getSchema().getFullName()).isEqualTo("io.platestream.schemas.PlateRead");
    assertThat(record.get("plate_number")).hasToString("皖AD11166");
    assertThat(record.get("plate_color")).hasToString("GREEN");
    assertThat(record.get("captured_at")).isEqualTo(SampleRecords.T0.toEpochMilli());
    assertThat((List<?>) record.get("plate_location")).hasSize(4);
  }

  @Test
  void genericSerializerWritesRecordsTheSpecificSerdeReads() {
    GenericRecord vertex = new GenericData.Record(io.platestream.schemas.Vertex.getClassSchema());
    vertex.put("x", 12);
    vertex.put("y", 34);

    byte[] bytes = serdes.genericValueSerde().serializer().serialize("vertices", vertex);

    assertThat(serdes.valueSerde(io.platestream.schemas.Vertex.class).deserializer().deserialize("vertices", bytes))
        .isEqualTo(new io.platestream.schemas.Vertex(12, 34));
    assertThat(serdes.genericValueSerde().deserializer().deserialize("vertices", bytes)).isEqualTo(vertex);
  }

  @Test
  void isSafeToShareAcrossThreads() throws Exception {
    Serde<PlateRead> serde = serdes.valueSerde(PlateRead.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<PlateRead>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String topic = "t" + (i % 3);
        PlateRead read = PlateRead.newBuilder(SampleRecords.plateRead())
            .setCapturedAt(Instant.ofEpochMilli(i)).setFrameId("f" + i).build();
        calls.add(() -> {
          PlateRead back = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, read));
          assertThat(back).isEqualTo(read);
          return back;
        });
      }
      for (Future<PlateRead> f : pool.invokeAll(calls)) {
        f.get();
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(registry.delegate.versions("t0-value")).hasSize(1);
  }

  @Test
  void refusesAClassThatIsNotAGeneratedRecord() {
    assertThatThrownBy(() -> new AvroSerdes(new InMemorySchemaRegistry(), true).valueSerde(SpecificRecord.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.apache.avro.specific.SpecificRecord is not a generated Avro record class");
  }
}
