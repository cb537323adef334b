package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.StopReason;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** A {@link History} as a task sends it back to the driver, field for field. Immutable. */
record HistoryWire(ArrayList<Epoch> epochs, StopReason stopReason, String stopDetail,
    int classes, ArrayList<String> metricKeys, int weightsFromEpoch) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One {@link EpochResult}. */
  record Epoch(int epoch, double trainLoss, double trainLossStd, double trainEvalLoss,
      double validationLoss, LinkedHashMap<String, Double> trainMetrics,
      LinkedHashMap<String, Double> validationMetrics, double learningRate, int iterations,
      int optimizerSteps, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static HistoryWire of(History h) {
    ArrayList<Epoch> epochs = new ArrayList<>();
    for (EpochResult e : h.epochs()) {
      epochs.add(new Epoch(e.epoch(), e.trainLoss(), e.trainLossStd(), e.trainEvalLoss(),
          e.validationLoss(), new LinkedHashMap<>(e.trainMetrics()),
          new LinkedHashMap<>(e.validationMetrics()), e.learningRate(), e.iterations(),
          e.optimizerSteps(), e.seconds()));
    }
    return new HistoryWire(epochs, h.stopReason(), h.stopDetail(), h.classes(),
        new ArrayList<>(h.metricKeys()), h.weightsFromEpoch());
  }

  History toHistory() {
    List<EpochResult> out = new ArrayList<>();
    for (Epoch e : epochs) {
      out.add(new EpochResult(e.epoch(), e.trainLoss(), e.trainLossStd(), e.trainEvalLoss(),
          e.validationLoss(), e.trainMetrics(), e.validationMetrics(), e.learningRate(),
          e.iterations(), e.optimizerSteps(), e.seconds()));
    }
    return new History(out, stopReason, stopDetail, classes, metricKeys, weightsFromEpoch);
  }
}
