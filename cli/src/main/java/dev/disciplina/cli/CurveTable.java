package dev.disciplina.cli;

import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.History;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A few rows of a history — the first epoch, evenly spaced ones, the best and the last — as a
 * small text table: enough to see the shape of the curves in a terminal.
 */
final class CurveTable {

  private CurveTable() {}

  static String format(History h, int rows) {
    List<EpochResult> epochs = h.epochs();
    TreeSet<Integer> pick = new TreeSet<>();
    int n = epochs.size();
    for (int i = 0; i < rows; i++) {
      pick.add(rows == 1 ? n : 1 + (int) Math.round((double) i * (n - 1) / (rows - 1)));
    }
    int best = h.bestEpoch().orElse(-1);
    if (best > 0) {
      pick.add(best);
    }
    boolean accuracy = !epochs.isEmpty() && epochs.get(0).validationMetrics()
        .containsKey("accuracy");
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "    %6s  %10s  %15s  %8s%s%n", "epoch", "train_loss", "train_eval_loss", "val_loss",
        accuracy ? "  train_acc  val_acc" : ""));
    for (int e : pick) {
      EpochResult r = epochs.get(e - 1);
      s.append(String.format(Locale.ROOT, "    %5d%s  %10.4f  %15.4f  %8.4f", e,
          e == best ? "*" : " ", r.trainLoss(), r.trainEvalLoss(), r.validationLoss()));
      if (accuracy) {
        s.append(String.format(Locale.ROOT, "  %9.3f  %7.3f", r.trainMetric("accuracy"),
            r.validationMetric("accuracy")));
      }
      s.append(System.lineSeparator());
    }
    return s.toString();
  }
}
