package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Evaluator;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The loss of the untrained model against what knowing nothing scores: {@code ln K} for a
 * K-class softmax cross-entropy (the loss's declared chance level), the targets' variance for a
 * regression. Far above it, the initial outputs are confident and wrong (an output layer scaled
 * up, a bad initialisation) and the first epochs are spent undoing it; far below it, the labels
 * may be leaking into the inputs.
 */
final class InitialLossCheck implements PreflightCheck {

  static final String NAME = "initial loss";
  static final int EXAMPLES = 1024;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset sample = s.sample(s.train(), EXAMPLES, "initial loss");
    double loss;
    try (Scope scope = s.openScope()) {
      Module model = s.freshModel();
      loss = new Evaluator(s.loss(), s.encoding(), 256).evaluate(model, sample).loss();
    }
    OptionalDouble chance = s.train().isClassification()
        ? s.loss().chanceLoss(s.train().classCount()) : OptionalDouble.empty();
    if (!Double.isFinite(loss)) {
      return CheckResult.fail(NAME, "the untrained model's loss is " + loss);
    }
    if (chance.isPresent()) {
      double ratio = loss / chance.getAsDouble();
      String detail = String.format(Locale.ROOT, "%.4f on %d training examples against the "
          + "chance level ln %d = %.4f (ratio %.2f)", loss, sample.size(),
          s.train().classCount(), chance.getAsDouble(), ratio);
      if (ratio >= 0.8 && ratio <= 1.25) {
        return CheckResult.pass(NAME, detail);
      }
      String why = ratio > 1 ? "the untrained outputs are confident and wrong: scale down the "
          + "output layer's initial weights" : "lower than chance before any training: do the "
          + "inputs contain the labels?";
      return ratio >= 0.5 && ratio <= 2 ? CheckResult.warn(NAME, detail + "; " + why)
          : CheckResult.fail(NAME, detail + "; " + why);
    }
    if (!s.train().isClassification()) {
      double variance = targetVariance(sample);
      double ratio = loss / variance;
      String detail = String.format(Locale.ROOT, "%.4g on %d training examples against the "
          + "targets' variance %.4g (ratio %.2f)", loss, sample.size(), variance, ratio);
      if (ratio >= 0.5 && ratio <= 2) {
        return CheckResult.pass(NAME, detail);
      }
      return CheckResult.warn(NAME, detail + (ratio > 2 ? "; the untrained outputs are far from "
          + "the targets: standardise the targets or start the output bias at their mean"
          : "; lower than a constant prediction before any training: do the inputs contain the "
          + "targets?"));
    }
    return CheckResult.pass(NAME, String.format(Locale.ROOT, "%.4f on %d training examples (loss "
        + "%s declares no chance level to compare with)", loss, sample.size(), s.loss().name()));
  }

  /** The mean over target columns of each column's variance. */
  static double targetVariance(Dataset d) {
    int w = d.targetWidth();
    float[] y = d.targets();
    double total = 0;
    for (int j = 0; j < w; j++) {
      double mean = 0;
      for (int i = 0; i < d.size(); i++) {
        mean += y[i * w + j];
      }
      mean /= d.size();
      double sq = 0;
      for (int i = 0; i < d.size(); i++) {
        double e = y[i * w + j] - mean;
        sq += e * e;
      }
      total += sq / d.size();
    }
    return total / w;
  }
}
