package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Evaluator;
import dev.disciplina.trainer.History;
import java.util.Locale;

/**
 * Overfit one batch: a few hundred steps on one fixed batch must drive its loss near zero (to 5%
 * of where it started); if they cannot, the model or the optimizer cannot learn — a learning
 * rate of zero, a detached layer, a loss on the wrong targets, gradients that never reach the
 * weights. Trained with the experiment's own optimizer through the {@link
 * dev.disciplina.trainer.Trainer}, one step per epoch.
 */
final class OverfitOneBatchCheck implements PreflightCheck {

  static final String NAME = "overfit one batch";
  static final int STEPS = 300;
  static final double PASS_FRACTION = 0.05;
  static final double WARN_FRACTION = 0.3;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset batch = s.fixedBatch();
    double initial;
    try (Scope scope = s.openScope()) {
      Module model = s.freshModel();
      initial = new Evaluator(s.loss(), s.encoding(), batch.size()).evaluate(model, batch).loss();
    }
    History h = s.trainer(STEPS, batch.size(), false).fit(s.experiment(), batch, batch);
    double last = h.last().validationLoss();
    double best = h.epochs().stream().mapToDouble(e -> e.validationLoss())
        .filter(Double::isFinite).min().orElse(Double.NaN);
    String detail = String.format(Locale.ROOT, "%d steps on one batch of %d took its loss from "
        + "%.4f to %.4g (%.1f%%; best %.4g)", h.iterations(), batch.size(), initial, last,
        100 * last / initial, best);
    if (h.diverged() || !Double.isFinite(last)) {
      return CheckResult.fail(NAME, detail + "; the loss diverged: lower the learning rate");
    }
    if (last <= PASS_FRACTION * initial) {
      return CheckResult.pass(NAME, detail);
    }
    String why = "; the model or the optimizer cannot learn even one batch (learning rate, "
        + "detached layers, targets)";
    return last <= WARN_FRACTION * initial ? CheckResult.warn(NAME, detail + "; only partly"
        + " fitted: more capacity or a larger learning rate?") : CheckResult.fail(NAME, detail + why);
  }
}
