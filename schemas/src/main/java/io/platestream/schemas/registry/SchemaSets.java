package io.platestream.schemas.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * Loads a directory of {@code .avsc} files as one set of schemas, and checks that one set can evolve into another.
 * Used to guard releases: the current schemas must be {@link CompatibilityLevel#BACKWARD} compatible with every set
 * ever released, so consumers on the new version read whatever older producers wrote to any topic.
 *
 * <p>Stateless and thread safe.
 */
public final class SchemaSets {

  private SchemaSets() {}

  /**
   * Parses every {@code .avsc} file under {@code directory} (recursively), in any order: a file may use types defined
   * in another file of the set.
   *
   * @return each file's named type by full name, sorted by name
   * @throws IllegalArgumentException if a file is invalid, a type is defined twice, or a referenced type is missing
   */
  public static Map<String, Schema> load(Path directory) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list schema files under " + directory, e);
    }
    SchemaParser parser = new SchemaParser();
    List<Map.Entry<Path, SchemaParser.ParseResult>> parsed = new ArrayList<>();
    for (Path file : files) {
      try {
        parsed.add(Map.entry(file, parser.parse(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      } catch (AvroRuntimeException e) {
        throw new IllegalArgumentException("Invalid schema file " + file + ": " + e.getMessage(), e);
      }
    }
    Map<String, Schema> byName = new TreeMap<>();
    for (Map.Entry<Path, SchemaParser.ParseResult> entry : parsed) {
      Schema schema;
      try {
        schema = parser.resolve(entry.getValue());
      } catch (AvroRuntimeException e) {
        throw new IllegalArgumentException("Cannot resolve schema file " + entry.getKey() + ": " + e.getMessage(), e);
      }
      if (!isNamed(schema)) {
        throw new IllegalArgumentException("Schema file " + entry.getKey() + " does not define a named type");
      }
      if (byName.put(schema.getFullName(), schema) != null) {
        throw new IllegalArgumentException("Type " + schema.getFullName() + " is defined twice under " + directory);
      }
    }
    return byName;
  }

  /**
   * What prevents {@code current} from reading data written with {@code released}: for every released type, either
   * it is gone from the current set, or the current type cannot read the released one ({@link AvroCompatibility}).
   *
   * @return one line per problem, each starting with the type's full name; empty if the evolution is backward
   *     compatible
   */
  public static List<String> backwardProblems(Map<String, Schema> released, Map<String, Schema> current) {
    List<String> problems = new ArrayList<>();
    released.forEach((name, old) -> {
      Schema now = current.get(name);
      if (now == null) {
        problems.add(name + ": released type no longer exists (topics may still hold data written with it)");
        return;
      }
      for (String message : AvroCompatibility.check(CompatibilityLevel.BACKWARD, now, List.of(old)).messages()) {
        problems.add(name + ": " + message);
      }
    });
    return problems;
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }
}
