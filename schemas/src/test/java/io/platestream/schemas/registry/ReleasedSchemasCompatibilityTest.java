package io.platestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The current schema set ({@code src/main/avro}) must be BACKWARD compatible with every released set under
 * {@code src/test/resources/released/<version>/} (see the README there), and the check must really bite: proven on
 * fixture pairs under {@code src/test/resources/compat-fixtures/}.
 */
class ReleasedSchemasCompatibilityTest {

  static final Path CURRENT = Path.of("src/main/avro");
  static final Path RELEASED = Path.of("src/test/resources/released");
  static final Path FIXTURES = Path.of("src/test/resources/compat-fixtures");

  static List<Path> releasedSets() throws IOException {
    if (!Files.isDirectory(RELEASED)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(RELEASED)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> currentSetIsBackwardCompatibleWithEveryReleasedSet() throws IOException {
    Map<String, Schema> current = SchemaSets.load(CURRENT);
    return releasedSets().stream().map(dir -> DynamicTest.dynamicTest("current reads " + dir.getFileName(), () ->
        assertThat(SchemaSets.backwardProblems(SchemaSets.load(dir), current))
            .as("incompatibilities of the current schemas with released set %s", dir.getFileName())
            .isEmpty()));
  }

  @Test
  void currentSetIsWhatTheGeneratedClassesCarry() throws Exception {
    Map<String, Schema> current = SchemaSets.load(CURRENT);

    assertThat(current).containsKeys("io.platestream.schemas.CameraFrame", "io.platestream.schemas.Direction",
        "io.platestream.schemas.Visit");
    for (Schema schema : current.values()) {
      Class<?> generated = Class.forName(schema.getFullName());
      Schema compiled = SpecificData.get().getSchema(generated);
      // the compiler adds "avro.java.string" hints; apart from those the schemas must be identical, docs included
      assertThat(withoutJavaHints(compiled)).as(schema.getFullName()).isEqualTo(withoutJavaHints(schema));
    }
  }

  @Test
  void theCheckAcceptsALegalEvolution() {
    Map<String, Schema> released = SchemaSets.load(FIXTURES.resolve("compatible/released/1.0.0"));
    Map<String, Schema> current = SchemaSets.load(FIXTURES.resolve("compatible/current"));

    assertThat(released).containsOnlyKeys("fixture.Thing", "fixture.Kind");
    assertThat(SchemaSets.backwardProblems(released, current)).isEmpty();
  }

  @Test
  void theCheckBitesOnAnIncompatibleFixturePair() {
    Map<String, Schema> released = SchemaSets.load(FIXTURES.resolve("incompatible/released/1.0.0"));
    Map<String, Schema> current = SchemaSets.load(FIXTURES.resolve("incompatible/current"));

    List<String> problems = SchemaSets.backwardProblems(released, current);

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("fixture.Gone: released type no longer exists"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("fixture.Thing: ")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "weight_kg"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("fixture.Kind: ")
        .contains("MISSING_ENUM_SYMBOLS", "BUS"));
    // the record embedding the enum is refused for it too
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("fixture.Thing: ").contains("MISSING_ENUM_SYMBOLS"));
  }

  @Test
  void theCheckReportsAnUnresolvableSet(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Orphan.avsc"),
        "{\"type\":\"record\",\"name\":\"Orphan\",\"fields\":[{\"name\":\"k\",\"type\":\"MissingType\"}]}");

    assertThatThrownBy(() -> SchemaSets.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Orphan.avsc");
  }

  /** The schema's JSON without the compiler's "avro.java.string" properties, as Avro prints it. */
  private static String withoutJavaHints(Schema schema) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(schema.toString());
    strip(tree);
    return new Schema.Parser().parse(tree.toString()).toString();
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("avro.java.string");
    }
    node.forEach(ReleasedSchemasCompatibilityTest::strip);
  }
}
