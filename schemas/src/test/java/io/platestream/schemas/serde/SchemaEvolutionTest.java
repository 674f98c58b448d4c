package io.platestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platestream.schemas.PlateColor;
import io.platestream.schemas.PlateRead;
import io.platestream.schemas.PlateType;
import io.platestream.schemas.Vertex;
import io.platestream.schemas.registry.InMemorySchemaRegistry;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Records written with another version of a schema are read as the current generated class, through the registry:
 * the writer schema comes by id, Avro resolves it to the class's schema.
 */
class SchemaEvolutionTest {

  private static final String TOPIC = "plates.reads";

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final AvroSerdes serdes = new AvroSerdes(registry, true);
  private final Deserializer<PlateRead> current = serdes.valueSerde(PlateRead.class).deserializer();

  static Schema olderPlateRead() throws Exception {
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/PlateRead-v0.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  /** The current PlateRead plus a field with a default, and a colour RED the current enum does not know. */
  static Schema newerPlateRead() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode schema = (ObjectNode) json.readTree(PlateRead.getClassSchema().toString());
    ArrayNode fields = (ArrayNode) schema.get("fields");
    fields.addObject().put("name", "vehicle_make").put("type", "string").put("default", "");
    for (var field : fields) {
      if (field.get("name").asText().equals("plate_color")) {
        ArrayNode symbols = (ArrayNode) field.get("type").get("symbols");
        symbols.insert(symbols.size() - 1, "RED");
      }
    }
    return new Schema.Parser().parse(schema.toString());
  }

  private static GenericRecord vertex(Schema vertexSchema, int x, int y) {
    return new GenericRecordBuilder(vertexSchema).set("x", x).set("y", y).build();
  }

  private static GenericRecordBuilder plateRead(Schema schema, String color) {
    Schema locationItems = schema.getField("plate_location").schema().getElementType();
    return new GenericRecordBuilder(schema)
        .set("frame_id", "cam-1-9").set("site_id", "s").set("camera_id", "cam-1").set("gate_id", "g")
        .set("direction", new GenericData.EnumSymbol(schema.getField("direction").schema(), "EXIT"))
        .set("captured_at", SampleRecords.T0.toEpochMilli()).set("plate_number", "皖A12345")
        .set("plate_color", new GenericData.EnumSymbol(schema.getField("plate_color").schema(), color))
        .set("plate_type", new GenericData.EnumSymbol(schema.getField("plate_type").schema(), "SMALL_CAR"))
        .set("plate_location", List.of(vertex(locationItems, 1, 2), vertex(locationItems, 3, 4)))
        .set("confidence", 0.8).set("char_confidences", List.of(0.9f, 0.7f)).set("engine_version", "engine 0.0.9");
  }

  @Test
  void aRecordWrittenWithAnOlderSchemaReadsAsTheCurrentClassWithDefaults() throws Exception {
    Schema v0 = olderPlateRead();
    byte[] old = serdes.genericValueSerializer().serialize(TOPIC, plateRead(v0, "BLUE").build());

    PlateRead read = current.deserialize(TOPIC, old);

    assertThat(read.getPlateNumber()).isEqualTo("皖A12345");
    assertThat(read.getPlateColor()).isEqualTo(PlateColor.BLUE);
    assertThat(read.getPlateType()).isEqualTo(PlateType.SMALL_CAR);
    assertThat(read.getCapturedAt()).isEqualTo(SampleRecords.T0);
    assertThat(read.getPlateLocation()).containsExactly(new Vertex(1, 2), new Vertex(3, 4));
    assertThat(read.getCharConfidences()).containsExactly(0.9f, 0.7f);
    // fields added after v0 take their defaults
    assertThat(read.getDoubleRow()).isFalse();
    assertThat(read.getGrammarValid()).isTrue();
  }

  @Test
  void theCurrentSchemaIsABackwardCompatibleSuccessorOfTheOlderOne() throws Exception {
    byte[] old = serdes.genericValueSerializer().serialize(TOPIC, plateRead(olderPlateRead(), "YELLOW").build());
    byte[] now = serdes.valueSerde(PlateRead.class).serializer().serialize(TOPIC, SampleRecords.plateRead());

    assertThat(registry.versions(TOPIC + "-value")).hasSize(2);
    assertThat(ConfluentWireFormat.schemaId(now)).isNotEqualTo(ConfluentWireFormat.schemaId(old));
    assertThat(current.deserialize(TOPIC, old).getPlateColor()).isEqualTo(PlateColor.YELLOW);
    assertThat(current.deserialize(TOPIC, now)).isEqualTo(SampleRecords.plateRead());
  }

  @Test
  void aRecordWrittenWithANewerSchemaDropsUnknownFieldsAndMapsUnknownSymbolsToTheDefault() throws Exception {
    Schema newer = newerPlateRead();
    GenericRecord record = plateRead(newer, "RED").set("double_row", true).set("grammar_valid", false)
        .set("vehicle_make", "BYD").build();
    byte[] bytes = serdes.genericValueSerializer().serialize(TOPIC, record);

    PlateRead read = current.deserialize(TOPIC, bytes);

    assertThat(read.getPlateColor()).isEqualTo(PlateColor.UNKNOWN);
    assertThat(read.getDoubleRow()).isTrue();
    assertThat(read.getGrammarValid()).isFalse();
    assertThat(read.getSchema().getField("vehicle_make")).isNull();
  }

  @Test
  void aWriterSchemaThatCannotBeResolvedIsRefusedWithTheReason() throws Exception {
    registry.setCompatibility(null, io.platestream.schemas.registry.CompatibilityLevel.NONE);
    Schema broken = new Schema.Parser().parse("""
        {"type":"record","name":"PlateRead","namespace":"io.platestream.schemas",
         "fields":[{"name":"frame_id","type":"int"}]}""");
    byte[] bytes = serdes.genericValueSerializer().serialize(TOPIC,
        new GenericRecordBuilder(broken).set("frame_id", 7).build());

    assertThatThrownBy(() -> current.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot be read as io.platestream.schemas.PlateRead")
        .hasMessageContaining("TYPE_MISMATCH at /fields/0/type")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
  }
}
