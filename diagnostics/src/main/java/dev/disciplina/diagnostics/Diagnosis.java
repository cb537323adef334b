package dev.disciplina.diagnostics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the learning curves say: a verdict with its cause, the evidence, and what to try next.
 * Immutable.
 *
 * @param verdict the verdict
 * @param cause why; always one of the verdict's causes ({@link Cause#verdict()})
 * @param bestEpoch the epoch (as numbered in the curves) with the best validation loss, near the
 *     bottom of the smoothed curve — the weights to restore; empty when no validation loss was
 *     finite
 * @param overfittingOnsetEpoch for {@link Verdict#OVERFITTING}, the epoch overfitting began: the
 *     best epoch when validation rose, the epoch from which the gap stayed large otherwise
 * @param measures the numbers behind the verdict
 * @param confidence how clearly the evidence passes the rules' thresholds, in [0, 1]: 0.5 means
 *     "on the edge", values near 1 "far past it". It is a strength of evidence, not a probability.
 *     For {@link Verdict#INCONCLUSIVE} it is how clearly nothing can be concluded.
 * @param reasons the evidence, one plain sentence per fact the verdict rests on
 * @param advice what to try next, most useful first
 */
public record Diagnosis(
    Verdict verdict,
    Cause cause,
    OptionalInt bestEpoch,
    OptionalInt overfittingOnsetEpoch,
    Measures measures,
    double confidence,
    List<String> reasons,
    List<String> advice) {

  /** Checks the cause belongs to the verdict and copies the lists. */
  public Diagnosis {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(bestEpoch, "bestEpoch");
    Objects.requireNonNull(overfittingOnsetEpoch, "overfittingOnsetEpoch");
    Objects.requireNonNull(measures, "measures");
    if (cause.verdict() != verdict) {
      throw new IllegalArgumentException("cause " + cause + " belongs to " + cause.verdict() + ", not " + verdict);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
    reasons = List.copyOf(reasons);
    advice = List.copyOf(advice);
  }

  /**
   * A multi-line summary for people: the verdict and cause, the best epoch, the reasons, the
   * advice and the main measures.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(verdict).append(" (").append(cause.description()).append("), confidence ")
        .append(String.format(Locale.ROOT, "%.2f", confidence)).append('\n');
    if (bestEpoch.isPresent()) {
      sb.append("best epoch: ").append(bestEpoch.getAsInt());
      if (Double.isFinite(measures.bestValLoss())) {
        sb.append(" (validation loss ").append(String.format(Locale.ROOT, "%.4g", measures.bestValLoss())).append(')');
      }
      overfittingOnsetEpoch.ifPresent(e -> sb.append("; overfitting began at epoch ").append(e));
      sb.append('\n');
    }
    if (!reasons.isEmpty()) {
      sb.append("why:\n");
      reasons.forEach(r -> sb.append("  - ").append(r).append('\n'));
    }
    if (!advice.isEmpty()) {
      sb.append("what to try:\n");
      advice.forEach(a -> sb.append("  - ").append(a).append('\n'));
    }
    sb.append("measures:");
    for (Map.Entry<String, Number> e : measures.asMap().entrySet()) {
      Number v = e.getValue();
      if (v instanceof Double d && d.isNaN()) {
        continue;
      }
      sb.append(' ').append(e.getKey()).append('=');
      sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v.toString());
    }
    return sb.append('\n').toString();
  }
}
