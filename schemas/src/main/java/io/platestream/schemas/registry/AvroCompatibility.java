package io.platestream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks a candidate schema against earlier versions under a {@link CompatibilityLevel}, using Avro's own
 * reader/writer resolution rules ({@link SchemaCompatibility}), the rules a real registry applies to Avro schemas.
 *
 * <p>Stateless and thread safe.
 */
public final class AvroCompatibility {

  private AvroCompatibility() {}

  /**
   * Checks {@code candidate} against {@code previousOldestFirst} (version 1 first) under {@code level}: the latest
   * version only, or all of them for a transitive level. An empty history is always compatible.
   *
   * @return the result, with one message per incompatibility naming the version, the direction, Avro's
   *     incompatibility type, its location in the schema and Avro's explanation
   */
  public static CompatibilityResult check(CompatibilityLevel level, Schema candidate, List<Schema> previousOldestFirst) {
    if (level == CompatibilityLevel.NONE || previousOldestFirst.isEmpty()) {
      return CompatibilityResult.ok();
    }
    int first = level.transitive() ? 0 : previousOldestFirst.size() - 1;
    List<String> messages = new ArrayList<>();
    for (int i = previousOldestFirst.size() - 1; i >= first; i--) {
      Schema previous = previousOldestFirst.get(i);
      String version = "version " + (i + 1);
      if (level.checksBackward()) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
            level + ": the new schema cannot read data written with " + version, messages);
      }
      if (level.checksForward()) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
            level + ": " + version + " cannot read data written with the new schema", messages);
      }
    }
    return messages.isEmpty() ? CompatibilityResult.ok() : CompatibilityResult.incompatible(messages);
  }

  /**
   * Whether a reader with schema {@code reader} can decode everything written with {@code writer}; the messages say why
   * not.
   */
  public static CompatibilityResult canRead(Schema reader, Schema writer) {
    List<String> messages = new ArrayList<>();
    describe(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer), "reader " + reader.getFullName()
        + " cannot read data written with " + writer.getFullName(), messages);
    return messages.isEmpty() ? CompatibilityResult.ok() : CompatibilityResult.incompatible(messages);
  }

  private static void describe(SchemaPairCompatibility pair, String prefix, List<String> messages) {
    if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    List<Incompatibility> incompatibilities = pair.getResult().getIncompatibilities();
    if (incompatibilities.isEmpty()) {
      messages.add(prefix + ": " + pair.getDescription());
    }
    for (Incompatibility incompatibility : incompatibilities) {
      messages.add(prefix + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
          + incompatibility.getMessage() + ")");
    }
  }
}
