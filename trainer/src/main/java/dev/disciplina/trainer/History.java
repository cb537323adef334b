package dev.disciplina.trainer;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a training run recorded: one {@link EpochResult} per epoch, why it stopped, and which
 * epoch's weights the model holds at the end.
 *
 * <p>Everything but the wall times is a function of the data, the model, the configuration and
 * the seed: {@link #withoutTimes()} of two runs with the same seed on the same backend are equal.
 *
 * @param epochs the epochs, in order
 * @param stopReason why the run ended
 * @param stopDetail one line about it
 * @param classes the number of classes of the task, 0 for regression
 * @param metricKeys the metric keys recorded for every epoch, in order
 * @param weightsFromEpoch the epoch whose weights the model holds after training (earlier than
 *     the last when best weights were restored or divergence rolled them back), 0 for the initial
 *     weights
 * @param diagnosis the diagnosis of the final curves with the default thresholds, null when no
 *     epoch was recorded
 */
public record History(
    List<EpochResult> epochs,
    StopReason stopReason,
    String stopDetail,
    int classes,
    List<String> metricKeys,
    int weightsFromEpoch,
    Diagnosis diagnosis) {

  public History {
    epochs = List.copyOf(epochs);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopDetail, "stopDetail");
    metricKeys = List.copyOf(metricKeys);
  }

  /** A history whose final diagnosis is made from its epochs (none when there are none). */
  public History(List<EpochResult> epochs, StopReason stopReason, String stopDetail, int classes,
      List<String> metricKeys, int weightsFromEpoch) {
    this(epochs, stopReason, stopDetail, classes, metricKeys, weightsFromEpoch,
        epochs.isEmpty() ? null : Diagnostics.diagnose(Curves.of(epochs, classes)));
  }

  /** The diagnosis of the final curves; empty when no epoch was recorded. */
  public Optional<Diagnosis> finalDiagnosis() {
    return Optional.ofNullable(diagnosis);
  }

  /** The number of epochs recorded. */
  public int size() {
    return epochs.size();
  }

  /** The last epoch; throws when nothing was recorded. */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch was recorded");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** Whether the run was stopped by a non-finite loss. */
  public boolean diverged() {
    return stopReason == StopReason.DIVERGED;
  }

  /** The epoch of lowest finite validation loss (the first on ties); empty if there is none. */
  public OptionalInt bestEpoch() {
    int best = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (EpochResult e : epochs) {
      if (Double.isFinite(e.validationLoss()) && e.validationLoss() < bestLoss) {
        bestLoss = e.validationLoss();
        best = e.epoch();
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** The total number of iterations. */
  public long iterations() {
    long n = 0;
    for (EpochResult e : epochs) {
      n += e.iterations();
    }
    return n;
  }

  /** The total wall time, in seconds. */
  public double seconds() {
    double s = 0;
    for (EpochResult e : epochs) {
      s += e.seconds();
    }
    return s;
  }

  /** This history with every wall time set to 0. */
  public History withoutTimes() {
    List<EpochResult> list = new ArrayList<>();
    for (EpochResult e : epochs) {
      list.add(e.withoutTime());
    }
    return new History(list, stopReason, stopDetail, classes, metricKeys, weightsFromEpoch,
        diagnosis);
  }

  /**
   * The learning curves, as the diagnostics module reads them, with the same series a history
   * CSV read back gives: besides the losses and accuracies, the metrics {@code train_loss_std}
   * (the spread of each epoch's batch losses) and {@code learning_rate}, and for regression
   * {@code train_M} and {@code val_M} per metric (MAE, RMSE).
   */
  public LearningCurves curves() {
    return Curves.of(epochs, classes, metricKeys);
  }

  /** The diagnosis of these curves with the default thresholds (kept: made once, at the end). */
  public Diagnosis diagnose() {
    return diagnosis != null ? diagnosis : Diagnostics.diagnose(curves());
  }
}
