package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.trainer.History;
import java.util.Locale;

/**
 * The model uses its input: trained briefly on the real inputs it must do clearly better on
 * validation than the same model trained as briefly on inputs set to zero, which can learn no
 * more than the targets' prior. Catches a model that ignores its input (a multiplication by zero,
 * a wrong wire) and labels that do not belong to their inputs (shifted by one, shuffled apart).
 */
final class UsesInputCheck implements PreflightCheck {

  static final String NAME = "uses its input";
  static final int TRAIN_EXAMPLES = 2048;
  static final int VALIDATION_EXAMPLES = 1024;
  static final int STEPS = 200;
  static final double PASS_GAP = 0.15;
  static final double FAIL_GAP = 0.05;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset train = s.sample(s.train(), TRAIN_EXAMPLES, "uses input train");
    Dataset validation = s.sample(s.validation(), VALIDATION_EXAMPLES, "uses input validation");
    int batch = Math.min(s.batchSize(), train.size());
    int perEpoch = (train.size() + batch - 1) / batch;
    int epochs = Math.max(1, (STEPS + perEpoch - 1) / perEpoch);
    double real = bestValidation(s.trainer(epochs, batch, true).fit(s.experiment(), train,
        validation));
    double zero = bestValidation(s.trainer(epochs, batch, true).fit(s.experiment(),
        zeroed(train), zeroed(validation)));
    double gap = (zero - real) / Math.abs(zero);
    String detail = String.format(Locale.ROOT, "after %d steps, validation loss %.4f on real "
        + "inputs against %.4f on zeroed inputs (%.1f%% better)", epochs * perEpoch, real, zero,
        100 * gap);
    if (!Double.isFinite(real) || !Double.isFinite(zero)) {
      return CheckResult.fail(NAME, detail + "; a loss was not finite");
    }
    if (gap >= PASS_GAP) {
      return CheckResult.pass(NAME, detail);
    }
    if (gap < FAIL_GAP) {
      return CheckResult.fail(NAME, detail + "; the model learns nothing from its inputs: does "
          + "it ignore them, or do the labels not belong to them (shifted, shuffled)?");
    }
    return CheckResult.warn(NAME, detail + "; the inputs help only a little");
  }

  private static double bestValidation(History h) {
    return h.epochs().stream().mapToDouble(e -> e.validationLoss()).filter(Double::isFinite)
        .min().orElse(Double.NaN);
  }

  private static Dataset zeroed(Dataset d) {
    return d.withFeatures(new float[d.size() * d.featureCount()]).named(d.name() + " (zeroed)");
  }
}
