package dev.disciplina.diagnostics;

/**
 * What the learning curves say about a training run, in one word.
 *
 * <p>The set is closed: every {@link Diagnosis} carries exactly one of these, and a {@link Cause}
 * that refines it.
 */
public enum Verdict {
  /** Validation loss converged near its minimum, the generalization gap is small, training learned. */
  HEALTHY,
  /** The model fits its training data increasingly better than unseen data. */
  OVERFITTING,
  /** The model does not fit even its training data well, or training stopped while still improving. */
  UNDERFITTING,
  /** A loss became non-finite, exploded, or the training loss itself is rising. */
  DIVERGING,
  /** Too few epochs, or too much noise, to say anything with confidence. */
  INCONCLUSIVE
}
