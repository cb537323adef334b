package dev.disciplina.trainer;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.diagnostics.EpochRecord;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.OnlineDiagnostician;
import java.util.ArrayList;
import java.util.List;

/**
 * The one conversion of recorded epochs into what the diagnostics module reads: each epoch
 * through {@link EpochResult#toDiagnostics()}, the run's class count when its loss has a known
 * chance level ({@link Loss#chanceLoss(int)}).
 */
final class Curves {

  private Curves() {}

  /** The class count to give the diagnosis: {@code k} when the loss knows its chance level. */
  static int chanceClasses(Loss loss, Dataset train) {
    int k = train.classCount();
    return k >= 2 && loss.chanceLoss(k).isPresent() ? k : 0;
  }

  /** An online diagnostician for a run with {@code loss} on {@code train}. */
  static OnlineDiagnostician onlineDiagnostician(Loss loss, Dataset train) {
    OnlineDiagnostician.Builder b = OnlineDiagnostician.builder();
    int classes = chanceClasses(loss, train);
    if (classes >= 2) {
      b.classes(classes);
    }
    return b.build();
  }

  /** The learning curves of {@code epochs}; {@code classes} below 2 leaves chance unknown. */
  static LearningCurves of(List<EpochResult> epochs, int classes) {
    return of(epochs, classes, List.of());
  }

  /**
   * The curves with the series a history CSV read back gives: the losses and accuracies, {@code
   * train_loss_std}, {@code learning_rate} and, for regression, {@code train_M} and {@code val_M}
   * per metric key.
   */
  static LearningCurves of(List<EpochResult> epochs, int classes, List<String> metricKeys) {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch was recorded: there are no curves");
    }
    List<Integer> numbers = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    List<Double> trainEval = new ArrayList<>();
    List<Double> trainAcc = new ArrayList<>();
    List<Double> valAcc = new ArrayList<>();
    boolean allTrainEval = true;
    boolean allAccuracy = true;
    for (EpochResult e : epochs) {
      EpochRecord r = e.toDiagnostics();
      numbers.add(r.epoch());
      train.add(r.trainLoss());
      val.add(r.valLoss());
      allTrainEval &= r.trainEvalLoss().isPresent();
      allAccuracy &= r.trainAccuracy().isPresent() && r.valAccuracy().isPresent();
      trainEval.add(r.trainEvalLoss().orElse(Double.NaN));
      trainAcc.add(r.trainAccuracy().orElse(Double.NaN));
      valAcc.add(r.valAccuracy().orElse(Double.NaN));
    }
    LearningCurves.Builder b = LearningCurves.builder().epochs(numbers).trainLoss(train)
        .valLoss(val);
    if (allTrainEval) {
      b.trainEvalLoss(trainEval);
    }
    if (allAccuracy) {
      b.trainAccuracy(trainAcc).valAccuracy(valAcc);
    }
    b.metric("train_loss_std", epochs.stream().map(EpochResult::trainLossStd).toList())
        .metric("learning_rate", epochs.stream().map(EpochResult::learningRate).toList());
    if (!metricKeys.contains("accuracy")) {
      // the columns HistoryCsv.forHistory writes for regression: train_M and val_M per metric
      for (String m : metricKeys) {
        b.metric("train_" + m, epochs.stream().map(e -> e.trainMetric(m)).toList());
        b.metric("val_" + m, epochs.stream().map(e -> e.validationMetric(m)).toList());
      }
    }
    if (classes >= 2) {
      b.classes(classes);
    }
    return b.build();
  }
}
