package dev.disciplina.diagnostics;

/**
 * Why a {@link Verdict} was reached: every cause belongs to exactly one verdict, so advice can be
 * specific (an underfitting model needs more capacity, or just more epochs).
 */
public enum Cause {
  /** {@link Verdict#HEALTHY}: validation loss has flattened near its minimum with a small gap. */
  CONVERGED(Verdict.HEALTHY, "converged"),
  /** {@link Verdict#OVERFITTING}: validation loss passed a clear minimum and has risen since. */
  VALIDATION_RISING(Verdict.OVERFITTING, "validation loss rising"),
  /**
   * {@link Verdict#OVERFITTING}: validation loss has flattened, but at more than twice the
   * training loss — the model is memorising rather than generalising.
   */
  GENERALIZATION_GAP(Verdict.OVERFITTING, "large generalization gap"),
  /** {@link Verdict#UNDERFITTING}: training loss plateaued at a high level (near chance, or little learned). */
  CAPACITY(Verdict.UNDERFITTING, "plateaued at a high loss"),
  /** {@link Verdict#UNDERFITTING}: both losses were still falling clearly when training stopped. */
  STILL_IMPROVING(Verdict.UNDERFITTING, "stopped while still improving"),
  /** {@link Verdict#DIVERGING}: a loss is NaN or infinite. */
  NON_FINITE_LOSS(Verdict.DIVERGING, "non-finite loss"),
  /** {@link Verdict#DIVERGING}: the training loss blew up far above its minimum or its start. */
  EXPLODING_LOSS(Verdict.DIVERGING, "exploding loss"),
  /**
   * {@link Verdict#DIVERGING}: a loss that should be bounded below by zero is negative and keeps
   * falling by orders of magnitude: the objective is unbounded (targets outside the range the loss
   * expects), and the weights run off to infinity.
   */
  UNBOUNDED_LOSS(Verdict.DIVERGING, "loss falling without bound"),
  /** {@link Verdict#DIVERGING}: the training loss is rising again: the optimiser overshoots. */
  TRAINING_LOSS_RISING(Verdict.DIVERGING, "training loss rising"),
  /** {@link Verdict#INCONCLUSIVE}: fewer epochs than the rules need. */
  TOO_FEW_EPOCHS(Verdict.INCONCLUSIVE, "too few epochs"),
  /** {@link Verdict#INCONCLUSIVE}: the validation loss is too noisy for its trend to be significant. */
  TOO_NOISY(Verdict.INCONCLUSIVE, "too noisy"),
  /**
   * {@link Verdict#INCONCLUSIVE}: validation loss has risen above its minimum, but not for long
   * enough, or not clearly enough above the noise, to call it overfitting yet.
   */
  RISE_NOT_CONFIRMED(Verdict.INCONCLUSIVE, "validation rise not yet confirmed");

  private final Verdict verdict;
  private final String description;

  Cause(Verdict verdict, String description) {
    this.verdict = verdict;
    this.description = description;
  }

  /** The verdict this cause refines. */
  public Verdict verdict() {
    return verdict;
  }

  /** A few lower-case words for people, e.g. {@code "stopped while still improving"}. */
  public String description() {
    return description;
  }
}
