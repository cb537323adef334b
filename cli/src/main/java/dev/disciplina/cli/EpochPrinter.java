package dev.disciplina.cli;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.OnlineDiagnosis;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints one line per epoch: training and validation loss, the main validation metric, the
 * epoch's time and the verdict as it forms.
 */
final class EpochPrinter implements TrainingListener {

  private final PrintWriter out;
  private final OnlineDiagnosis diagnosis;

  EpochPrinter(PrintWriter out, OnlineDiagnosis diagnosis) {
    this.out = out;
    this.diagnosis = diagnosis;
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult e) {
    int width = Integer.toString(context.config().epochs()).length();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d"
        + "  train_loss %.4f  val_loss %.4f", e.epoch(), context.config().epochs(), e.trainLoss(),
        e.validationLoss()));
    if (e.validationMetrics().containsKey("accuracy")) {
      s.append(String.format(Locale.ROOT, "  val_accuracy %.4f", e.validationMetric("accuracy")));
    } else if (e.validationMetrics().containsKey("rmse")) {
      s.append(String.format(Locale.ROOT, "  val_rmse %.4f", e.validationMetric("rmse")));
    }
    s.append(String.format(Locale.ROOT, "  %.2fs", e.seconds()));
    diagnosis.current().map(Diagnosis::verdict)
        .ifPresent(v -> s.append("  verdict so far: ").append(v));
    out.println(s);
    out.flush();
  }
}
