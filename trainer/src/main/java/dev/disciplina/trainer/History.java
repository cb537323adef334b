package dev.disciplina.trainer;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 */
public record History(
    List<EpochResult> epochs,
    StopReason stopReason,
    String stopDetail,
    int classes,
    List<String> metricKeys,
    int weightsFromEpoch) {

  public History {
    epochs = List.copyOf(epochs);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopDetail, "stopDetail");
    metricKeys = List.copyOf(metricKeys);
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
    return new History(list, stopReason, stopDetail, classes, metricKeys, weightsFromEpoch);
  }

  /**
   * The learning curves, as the diagnostics module reads them, with the same series a history
   * CSV read back gives: besides the losses and accuracies, the metrics {@code train_loss_std}
   * (the spread of each epoch's batch losses) and {@code learning_rate}.
   */
  public LearningCurves curves() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch was recorded: there are no curves");
    }
    List<Integer> numbers = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    List<Double> trainEval = new ArrayList<>();
    List<Double> trainAcc = new ArrayList<>();
    List<Double> valAcc = new ArrayList<>();
    List<Double> std = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    boolean allTrainEval = true;
    boolean allAccuracy = true;
    for (EpochResult e : epochs) {
      numbers.add(e.epoch());
      train.add(e.trainLoss());
      std.add(e.trainLossStd());
      rate.add(e.learningRate());
      val.add(e.validationLoss());
      trainEval.add(e.trainEvalLoss());
      allTrainEval &= !Double.isNaN(e.trainEvalLoss()) || !Double.isFinite(e.trainLoss());
      Double ta = e.trainMetrics().get("accuracy");
      Double va = e.validationMetrics().get("accuracy");
      allAccuracy &= ta != null && va != null;
      trainAcc.add(ta == null ? Double.NaN : ta);
      valAcc.add(va == null ? Double.NaN : va);
    }
    LearningCurves.Builder b = LearningCurves.builder().epochs(numbers).trainLoss(train)
        .valLoss(val);
    if (allTrainEval) {
      b.trainEvalLoss(trainEval);
    }
    if (allAccuracy) {
      b.trainAccuracy(trainAcc).valAccuracy(valAcc);
    }
    b.metric("train_loss_std", std).metric("learning_rate", rate);
    if (classes >= 2) {
      b.classes(classes);
    }
    return b.build();
  }

  /** The diagnosis of these curves with the default thresholds. */
  public Diagnosis diagnose() {
    return Diagnostics.diagnose(curves());
  }
}
