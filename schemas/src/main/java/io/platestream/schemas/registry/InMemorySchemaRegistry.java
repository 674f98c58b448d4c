package io.platestream.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.avro.Schema;

/**
 * An in-process schema registry with the semantics of the Confluent Schema Registry, for tests, demos and
 * single-process runs.
 *
 * <ul>
 *   <li>The global default compatibility level is {@link CompatibilityLevel#BACKWARD}, as in Confluent; subjects may
 *       override it.</li>
 *   <li>Ids are global across subjects: a schema gets one id the first time it is registered anywhere, and the same
 *       schema (same JSON text, docs included) registered again, under any subject, gets that id back.</li>
 *   <li>Registering a schema already registered under the subject returns its id without a compatibility check;
 *       otherwise the schema is checked with {@link AvroCompatibility} against the latest version (or all versions for
 *       a transitive level) and refused with status 409 if incompatible.</li>
 * </ul>
 *
 * <p>Thread safe (all methods synchronize on the instance). Nothing is persisted.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  /** An empty registry with global compatibility {@link CompatibilityLevel#BACKWARD}. */
  public InMemorySchemaRegistry() {}

  @Override
  public synchronized int register(String subject, Schema schema) {
    requireSubject(subject);
    String text = schema.toString();
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    Integer existing = idsBySchemaText.get(text);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    CompatibilityResult result = check(subject, schema, versions);
    if (!result.compatible()) {
      throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject '"
          + subject + "' (" + levelOf(subject) + "): " + String.join("; ", result.messages()),
          409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
    }
    int id;
    if (existing != null) {
      id = existing;
    } else {
      id = nextId++;
      idsBySchemaText.put(text, id);
      schemasById.put(id, schema);
    }
    versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized OptionalInt lookup(String subject, Schema schema) {
    requireSubject(subject);
    Integer id = idsBySchemaText.get(schema.toString());
    if (id != null && versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
      return OptionalInt.of(id);
    }
    return OptionalInt.empty();
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
    return schema;
  }

  @Override
  public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
    requireSubject(subject);
    return check(subject, schema, versionsBySubject.getOrDefault(subject, List.of()));
  }

  @Override
  public synchronized void setCompatibility(String subjectOrNullForGlobal, CompatibilityLevel level) {
    if (level == null) {
      throw new IllegalArgumentException("level must not be null");
    }
    if (subjectOrNullForGlobal == null) {
      globalLevel = level;
    } else {
      levelBySubject.put(subjectOrNullForGlobal, level);
    }
  }

  /** The level in force for {@code subject}: its own, or the global default. */
  public synchronized CompatibilityLevel levelOf(String subject) {
    return levelBySubject.getOrDefault(subject, globalLevel);
  }

  /** Ids registered under {@code subject}, version 1 first (empty if the subject is unknown). */
  public synchronized List<Integer> versions(String subject) {
    return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
  }

  /** Nothing to release; the registry stays usable. */
  @Override
  public void close() {}

  private CompatibilityResult check(String subject, Schema schema, List<Integer> versions) {
    List<Schema> previous = new ArrayList<>(versions.size());
    for (int id : versions) {
      previous.add(schemasById.get(id));
    }
    return AvroCompatibility.check(levelOf(subject), schema, previous);
  }

  private static void requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be null or blank");
    }
  }
}
