package io.platestream.schemas.registry;

import java.util.Locale;

/**
 * Schema evolution rules a registry enforces when a new schema is registered under a subject, with the names and
 * meaning the Confluent Schema Registry gives them.
 *
 * <ul>
 *   <li>BACKWARD: consumers using the new schema can read data written with the previous one (add fields with
 *       defaults, delete fields). Non-transitive levels compare with the latest version only.</li>
 *   <li>FORWARD: consumers using the previous schema can read data written with the new one (add fields, delete
 *       fields that have defaults).</li>
 *   <li>FULL: both directions.</li>
 *   <li>{@code *_TRANSITIVE}: the same, against every earlier version of the subject, not just the latest.</li>
 *   <li>NONE: anything goes.</li>
 * </ul>
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema, as reader, must read data written with earlier versions. */
  public boolean checksBackward() {
    return backward;
  }

  /** Whether earlier versions, as readers, must read data written with the new schema. */
  public boolean checksForward() {
    return forward;
  }

  /** Whether every earlier version is checked (true) or only the latest (false). */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level name as the registry spells it, case-insensitively (e.g. {@code "backward_transitive"}).
   *
   * @throws IllegalArgumentException naming the accepted values if the name is unknown
   */
  public static CompatibilityLevel parse(String name) {
    if (name != null) {
      String normalized = name.trim().toUpperCase(Locale.ROOT);
      for (CompatibilityLevel level : values()) {
        if (level.name().equals(normalized)) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException("Unknown compatibility level '" + name + "': expected one of "
        + java.util.Arrays.toString(values()));
  }
}
