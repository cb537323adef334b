package dev.disciplina.cli;

import dev.disciplina.trainer.noise.BatchSizeStudy;
import java.io.PrintWriter;
import java.util.Locale;

/** The batch-size table of {@code sweep --vary batch-size=...} and what it says. */
final class BatchSizeText {

  private BatchSizeText() {}

  static void print(BatchSizeStudy study, PrintWriter out) {
    out.println("what the batch size did:");
    out.printf(Locale.ROOT, "%10s  %10s  %9s  %10s  %12s  %15s  %20s  %14s%n", "batch-size",
        "examples/s", "s/epoch", "iter/epoch", "batch spread", "best val (ep)",
        "noise scale at target", "steps to " + ComparisonText.number(study.targetLoss()));
    for (BatchSizeStudy.Run r : study.runs()) {
      String noise = Double.isNaN(r.noiseScale()) ? "not resolved"
          : Double.isNaN(r.noiseScaleError())
              ? String.format(Locale.ROOT, "%.4g", r.noiseScale())
              : String.format(Locale.ROOT, "%.4g +- %.2g", r.noiseScale(), r.noiseScaleError());
      out.printf(Locale.ROOT, "%10d  %10.0f  %9.3f  %10d  %12.4f  %15s  %20s  %14s%n",
          r.batchSize(), r.examplesPerSecond(), r.secondsPerEpoch(), r.iterationsPerEpoch(),
          r.batchLossSpread(), String.format(Locale.ROOT, "%.4f (%d)", r.bestValidationLoss(),
              r.bestEpoch()), noise, r.stepsToTarget() < 0 ? "not reached"
              : String.valueOf(r.stepsToTarget()));
    }
    if (Double.isNaN(study.criticalBatch())) {
      out.println("critical batch size: not resolved (fewer than three runs reached val_loss "
          + ComparisonText.number(study.targetLoss()) + " at different step counts)");
    } else {
      out.printf(Locale.ROOT, "critical batch size from the steps: B_crit = %.0f (steps = "
          + "S_min (1 + B_crit/B) fitted to the steps to val_loss %s): below it a larger batch "
          + "saves steps nearly in proportion, above it hardly at all%n", study.criticalBatch(),
          ComparisonText.number(study.targetLoss()));
    }
    study.noiseScaleReference().ifPresent(r -> {
      out.printf(Locale.ROOT, "measured noise scale at val_loss %s: B_simple = %.4g +- %.2g "
          + "(batch %d run, the smallest that reached it)%n",
          ComparisonText.number(study.targetLoss()), r.noiseScale(), r.noiseScaleError(),
          r.batchSize());
      if (!Double.isNaN(study.criticalBatch())) {
        double ratio = r.noiseScale() / study.criticalBatch();
        out.printf(Locale.ROOT, "B_simple / B_crit = %.2g: %s%n", ratio,
            ratio > 1.0 / 3 && ratio < 3 ? "they agree within a factor of three"
                : ratio > 1 ? "the noise scale is larger than the batch size where the steps "
                    + "stopped falling (McCandlish et al. report B_simple as an upper-end guide)"
                    : "the noise scale is smaller than the batch size where the steps stopped "
                        + "falling");
      }
    });
    out.println("a small batch gives a noisier gradient (a larger batch-loss spread) and more "
        + "steps per epoch; a batch beyond the noise scale buys stability it cannot use");
  }
}
