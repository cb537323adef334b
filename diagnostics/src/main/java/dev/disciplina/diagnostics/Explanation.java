package dev.disciplina.diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * Why a {@link Diagnosis} came out as it did: the rule that decided and the rules tried before it
 * that did not hold, in the order {@link Diagnostician} tries them. The measures are in {@link
 * Diagnosis#measures()}. Immutable; from {@link Diagnostician#explain(LearningCurves)}.
 *
 * @param diagnosis the diagnosis
 * @param decidedBy the name of the rule that decided, as in the README's rule table
 * @param notHolding the names of the rules tried before it, which did not hold
 */
public record Explanation(Diagnosis diagnosis, String decidedBy, List<String> notHolding) {

  /** Copies the list. */
  public Explanation {
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(decidedBy, "decidedBy");
    notHolding = List.copyOf(notHolding);
  }
}
