package dev.disciplina.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The diagnosis as it forms: feed it one {@link EpochRecord} per epoch and it returns the current
 * {@link Diagnosis} — exactly what {@link Diagnostician#diagnose} says of the curves so far — and
 * offers diagnosis-driven early stopping.
 *
 * <p><b>Stopping.</b> {@link #shouldStop()} turns true once the verdict has been {@code
 * OVERFITTING} because validation loss is rising ({@link Cause#VALIDATION_RISING}) for {@link
 * Builder#confirmations(int)} epochs in a row (default 2: one more epoch must agree, so a
 * verdict that the next epoch would withdraw does not end the run), or at once when a loss is
 * non-finite or explodes (unless {@link Builder#stopOnDivergence(boolean) turned off}). It then
 * stays true; {@link #epochToRestore()} is the best epoch of the diagnosis that decided, the
 * weights a trainer should restore. Overfitting through a gap alone never stops a run: a flat
 * validation loss loses nothing by training on.
 *
 * <p>Re-running the analysis costs O(epochs) per epoch (Theil–Sen is capped), so a thousand
 * epochs cost well under a second in all. Not thread-safe: one trainer thread owns an instance.
 */
public final class OnlineDiagnostician {

  private final Diagnostician diagnostician;
  private final OptionalInt classes;
  private final int confirmations;
  private final boolean stopOnDivergence;

  private final List<Integer> epochs = new ArrayList<>();
  private final List<Double> train = new ArrayList<>();
  private final List<Double> val = new ArrayList<>();
  private final List<Double> trainEval = new ArrayList<>();
  private final List<Double> trainAcc = new ArrayList<>();
  private final List<Double> valAcc = new ArrayList<>();
  private boolean allTrainEval = true;
  private boolean allAccuracies = true;

  private Diagnosis current;
  private int overfittingStreak;
  private Diagnosis stopDiagnosis;

  private OnlineDiagnostician(Builder b) {
    this.diagnostician = new Diagnostician(b.thresholds);
    this.classes = b.classes;
    this.confirmations = b.confirmations;
    this.stopOnDivergence = b.stopOnDivergence;
  }

  /** An online diagnostician with default thresholds, unknown class count, 2 confirmations. */
  public OnlineDiagnostician() {
    this(new Builder());
  }

  /** A builder for the options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds one epoch and returns the diagnosis of all epochs so far.
   *
   * @throws IllegalArgumentException if the epoch number does not increase
   */
  public Diagnosis add(EpochRecord record) {
    Objects.requireNonNull(record, "record");
    if (!epochs.isEmpty() && record.epoch() <= epochs.get(epochs.size() - 1)) {
      throw new IllegalArgumentException(
          "epoch " + record.epoch() + " does not follow epoch " + epochs.get(epochs.size() - 1));
    }
    epochs.add(record.epoch());
    train.add(record.trainLoss());
    val.add(record.valLoss());
    allTrainEval &= record.trainEvalLoss().isPresent();
    allAccuracies &= record.trainAccuracy().isPresent() && record.valAccuracy().isPresent();
    trainEval.add(record.trainEvalLoss().orElse(Double.NaN));
    trainAcc.add(record.trainAccuracy().orElse(Double.NaN));
    valAcc.add(record.valAccuracy().orElse(Double.NaN));

    current = diagnostician.diagnose(curves());
    if (current.cause() == Cause.VALIDATION_RISING) {
      overfittingStreak++;
    } else {
      overfittingStreak = 0;
    }
    if (stopDiagnosis == null) {
      boolean diverged = current.cause() == Cause.NON_FINITE_LOSS || current.cause() == Cause.EXPLODING_LOSS;
      if (overfittingStreak >= confirmations || (stopOnDivergence && diverged)) {
        stopDiagnosis = current;
      }
    }
    return current;
  }

  /** Adds one epoch with the two losses only; see {@link #add(EpochRecord)}. */
  public Diagnosis add(int epoch, double trainLoss, double valLoss) {
    return add(EpochRecord.of(epoch, trainLoss, valLoss));
  }

  /** The diagnosis after the last epoch added; empty before the first. */
  public Optional<Diagnosis> current() {
    return Optional.ofNullable(current);
  }

  /** True once overfitting is confirmed or a loss diverged; stays true. */
  public boolean shouldStop() {
    return stopDiagnosis != null;
  }

  /** The diagnosis that decided to stop; empty while {@link #shouldStop()} is false. */
  public Optional<Diagnosis> stopDiagnosis() {
    return Optional.ofNullable(stopDiagnosis);
  }

  /**
   * The epoch whose weights to restore: the best epoch of the diagnosis that decided to stop, or,
   * before that, of the current diagnosis. Empty before any finite validation loss.
   */
  public OptionalInt epochToRestore() {
    Diagnosis d = stopDiagnosis != null ? stopDiagnosis : current;
    return d == null ? OptionalInt.empty() : d.bestEpoch();
  }

  /**
   * The curves so far. Optional series are included only when every epoch had them.
   *
   * @throws IllegalStateException before the first epoch
   */
  public LearningCurves curves() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch added yet");
    }
    LearningCurves.Builder b = LearningCurves.builder().epochs(epochs).trainLoss(train).valLoss(val).classes(classes);
    if (allTrainEval) {
      b.trainEvalLoss(trainEval);
    }
    if (allAccuracies) {
      b.trainAccuracy(trainAcc).valAccuracy(valAcc);
    }
    return b.build();
  }

  /** Options for an {@link OnlineDiagnostician}. Not thread-safe. */
  public static final class Builder {
    private Thresholds thresholds = Thresholds.defaults();
    private OptionalInt classes = OptionalInt.empty();
    private int confirmations = 2;
    private boolean stopOnDivergence = true;

    private Builder() {}

    /** The thresholds; default {@link Thresholds#defaults()}. */
    public Builder thresholds(Thresholds t) {
      this.thresholds = Objects.requireNonNull(t, "thresholds");
      return this;
    }

    /** The number of classes of the task (at least 2), making chance level known. */
    public Builder classes(int k) {
      if (k < 2) {
        throw new IllegalArgumentException("classes must be at least 2, got " + k);
      }
      this.classes = OptionalInt.of(k);
      return this;
    }

    /**
     * How many epochs in a row the verdict must be overfitting (validation rising) before {@link
     * #shouldStop()}; default 2, at least 1.
     */
    public Builder confirmations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("confirmations must be at least 1, got " + n);
      }
      this.confirmations = n;
      return this;
    }

    /** Whether a non-finite or exploding loss stops the run at once; default true. */
    public Builder stopOnDivergence(boolean stop) {
      this.stopOnDivergence = stop;
      return this;
    }

    /** The online diagnostician. */
    public OnlineDiagnostician build() {
      return new OnlineDiagnostician(this);
    }
  }
}
