package io.platestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platestream.schemas.CameraFrame;
import io.platestream.schemas.PlateRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

  /** {@code Item} with fields {@code a: int} and the given extra field declarations (JSON). */
  static Schema item(String... extraFields) {
    StringBuilder fields = new StringBuilder("{\"name\":\"a\",\"type\":\"int\"}");
    for (String field : extraFields) {
      fields.append(',').append(field);
    }
    return new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"test\",\"fields\":[" + fields + "]}");
  }

  static final Schema V1 = item();
  static final Schema WITH_DEFAULT = item("{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");
  static final Schema WITHOUT_DEFAULT = item("{\"name\":\"b\",\"type\":\"string\"}");

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void defaultLevelIsBackward() {
    assertThat(registry.levelOf("anything-value")).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void registeringTheSameSchemaTwiceGivesTheSameIdAndOneVersion() {
    int first = registry.register("images-value", CameraFrame.getClassSchema());
    int second = registry.register("images-value", new Schema.Parser().parse(CameraFrame.getClassSchema().toString()));

    assertThat(second).isEqualTo(first);
    assertThat(registry.versions("images-value")).containsExactly(first);
  }

  @Test
  void idsAreGlobalAcrossSubjects() {
    int camera = registry.register("images-value", CameraFrame.getClassSchema());
    int read = registry.register("plates.reads-value", PlateRead.getClassSchema());
    int cameraElsewhere = registry.register("images.copy-value", CameraFrame.getClassSchema());

    assertThat(read).isNotEqualTo(camera);
    assertThat(cameraElsewhere).isEqualTo(camera);
    assertThat(registry.versions("images.copy-value")).containsExactly(camera);
  }

  @Test
  void getsASchemaByIdAndRefusesAnUnknownIdWith404() {
    int id = registry.register("images-value", CameraFrame.getClassSchema());

    assertThat(registry.getById(id)).isEqualTo(CameraFrame.getClassSchema());
    assertThatThrownBy(() -> registry.getById(id + 100))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        })
        .hasMessageContaining("Schema " + (id + 100) + " not found");
  }

  @Test
  void looksUpOnlyWhatIsRegisteredUnderThatSubject() {
    int id = registry.register("images-value", CameraFrame.getClassSchema());

    assertThat(registry.lookup("images-value", CameraFrame.getClassSchema())).hasValue(id);
    assertThat(registry.lookup("other-value", CameraFrame.getClassSchema())).isEmpty();
    assertThat(registry.lookup("images-value", PlateRead.getClassSchema())).isEmpty();
  }

  @Test
  void backwardAllowsAddingAFieldWithADefault() {
    int v1 = registry.register("s", V1);

    assertThat(registry.testCompatibility("s", WITH_DEFAULT).compatible()).isTrue();
    int v2 = registry.register("s", WITH_DEFAULT);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(registry.versions("s")).containsExactly(v1, v2);
  }

  @Test
  void backwardRefusesAddingAFieldWithoutADefault() {
    registry.register("s", V1);

    CompatibilityResult result = registry.testCompatibility("s", WITHOUT_DEFAULT);
    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).singleElement().asString()
        .contains("BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/1", "b");
    assertThatThrownBy(() -> registry.register("s", WITHOUT_DEFAULT))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        })
        .hasMessageContaining("incompatible")
        .hasMessageContaining("subject 's'");
    assertThat(registry.versions("s")).hasSize(1);
  }

  @Test
  void backwardRefusesChangingAFieldTypeButAllowsPromotion() {
    registry.register("s", V1);

    Schema asString = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"test\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema asLong = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"test\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");
    assertThat(registry.testCompatibility("s", asString).messages()).singleElement().asString().contains("TYPE_MISMATCH");
    assertThat(registry.testCompatibility("s", asLong).compatible()).isTrue();
  }

  /**
   * Confluent's BACKWARD lets a field be deleted: the new reader simply skips it in old data. Deleting a field without
   * a default is what FORWARD refuses, since old readers still need it.
   */
  @Test
  void backwardAllowsRemovingAFieldWhileForwardRefusesRemovingOneWithoutDefault() {
    registry.register("s", WITHOUT_DEFAULT);
    assertThat(registry.testCompatibility("s", V1).compatible()).isTrue();

    registry.setCompatibility("s", CompatibilityLevel.FORWARD);
    CompatibilityResult forward = registry.testCompatibility("s", V1);
    assertThat(forward.compatible()).isFalse();
    assertThat(forward.messages()).singleElement().asString()
        .contains("FORWARD", "version 1 cannot read data written with the new schema", "READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void forwardAllowsAddingAFieldWithoutDefaultAndFullRefusesIt() {
    registry.setCompatibility(null, CompatibilityLevel.FORWARD);
    registry.register("s", V1);
    assertThat(registry.testCompatibility("s", WITHOUT_DEFAULT).compatible()).isTrue();

    registry.setCompatibility("s", CompatibilityLevel.FULL);
    assertThat(registry.testCompatibility("s", WITHOUT_DEFAULT).compatible()).isFalse();
    assertThat(registry.testCompatibility("s", WITH_DEFAULT).compatible()).isTrue();
  }

  @Test
  void noneAllowsAnything() {
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    registry.register("s", V1);
    Schema unrelated = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"z\",\"type\":\"bytes\"}]}");

    assertThat(registry.testCompatibility("s", WITHOUT_DEFAULT).compatible()).isTrue();
    assertThat(registry.testCompatibility("s", unrelated).compatible()).isTrue();
    registry.register("s", WITHOUT_DEFAULT);
    registry.register("s", unrelated);
    assertThat(registry.versions("s")).hasSize(3);
  }

  @Test
  void subjectLevelOverridesTheGlobalOne() {
    registry.setCompatibility(null, CompatibilityLevel.NONE);
    registry.setCompatibility("strict", CompatibilityLevel.BACKWARD);
    registry.register("strict", V1);
    registry.register("loose", V1);

    assertThat(registry.testCompatibility("loose", WITHOUT_DEFAULT).compatible()).isTrue();
    assertThat(registry.testCompatibility("strict", WITHOUT_DEFAULT).compatible()).isFalse();
  }

  /**
   * v1 {a}, v2 {a, b="x"}, v3 {a, b without default}: v3 reads v2 data (b is there) but not v1 data (b is missing), so
   * only the transitive level notices.
   */
  @Test
  void transitiveLevelsCheckEveryVersionNotJustTheLatest() {
    registry.register("s", V1);
    registry.register("s", WITH_DEFAULT);

    assertThat(registry.testCompatibility("s", WITHOUT_DEFAULT).compatible()).isTrue();
    registry.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);
    CompatibilityResult transitive = registry.testCompatibility("s", WITHOUT_DEFAULT);
    assertThat(transitive.compatible()).isFalse();
    assertThat(transitive.messages()).singleElement().asString()
        .contains("BACKWARD_TRANSITIVE", "version 1");
  }

  @Test
  void aSubjectWithNoVersionsAcceptsAnything() {
    assertThat(registry.testCompatibility("new-value", WITHOUT_DEFAULT)).isEqualTo(CompatibilityResult.ok());
  }

  @Test
  void reRegisteringAnExistingVersionSkipsTheCheckLikeConfluent() {
    int v1 = registry.register("s", V1);
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    int v2 = registry.register("s", WITHOUT_DEFAULT);
    registry.setCompatibility("s", CompatibilityLevel.FULL_TRANSITIVE);

    assertThat(registry.register("s", WITHOUT_DEFAULT)).isEqualTo(v2);
    assertThat(registry.register("s", V1)).isEqualTo(v1);
    assertThat(registry.versions("s")).containsExactly(v1, v2);
  }

  @Test
  void concurrentRegistrationsAgreeOnIds() throws Exception {
    List<Schema> schemas = List.of(CameraFrame.getClassSchema(), PlateRead.getClassSchema(), V1);
    registry.setCompatibility(null, CompatibilityLevel.NONE); // unrelated schemas share subjects here
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        Schema schema = schemas.get(i % schemas.size());
        String subject = "subject-" + (i % 7);
        calls.add(() -> registry.register(subject, schema) * 10 + schemas.indexOf(schema));
      }
      Set<Integer> distinct = new java.util.HashSet<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        distinct.add(f.get());
      }
      // one id per schema, whatever the subject or thread
      assertThat(distinct).hasSize(3);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
