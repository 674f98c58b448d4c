package io.platestream.schemas.registry;

import java.util.List;

/**
 * Outcome of a compatibility check of a candidate schema against the versions registered under a subject.
 *
 * @param compatible whether the candidate may be registered under the subject's compatibility level
 * @param messages why not, one line per problem found (empty when compatible; may be empty when incompatible if the
 *     registry gave no detail)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

  /** Copies the messages into an immutable list. */
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }

  /** A compatible result with no messages. */
  public static CompatibilityResult ok() {
    return new CompatibilityResult(true, List.of());
  }

  /** An incompatible result with the given reasons. */
  public static CompatibilityResult incompatible(List<String> messages) {
    return new CompatibilityResult(false, messages);
  }
}
