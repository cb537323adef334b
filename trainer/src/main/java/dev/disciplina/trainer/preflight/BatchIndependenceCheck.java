package dev.disciplina.trainer.preflight;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.Locale;

/**
 * Examples are not mixed across the batch: the gradient of one example's outputs with respect to
 * the other examples' inputs must be exactly zero (Karpathy's "use backprop to chart
 * dependencies"). A layer that normalises over the wrong axis, a reshape that interleaves rows or
 * a batch-mean subtraction mixes them, and the model then learns from its batch-mates. Checked in
 * evaluation mode (fails) and in training mode (warns: batch normalisation mixes the batch there
 * by design).
 */
final class BatchIndependenceCheck implements PreflightCheck {

  static final String NAME = "batch independence";
  /** Independent rows give exact zeros; this only absorbs a backend's rounding. */
  static final double TOLERANCE = 1e-6;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset batch = s.sample(s.train(), Math.max(2, Math.min(s.batchSize(), 16)), "batch mixing");
    if (batch.size() < 2) {
      return CheckResult.pass(NAME, "one training example: there is no batch to mix");
    }
    int[] probes = {0, batch.size() - 1};
    try (Scope scope = s.openScope()) {
      Module model = s.freshModel();
      model.eval();
      double evalLeak = leak(model, batch, probes);
      model.train();
      double trainLeak = leak(model, batch, probes);
      String detail = String.format(Locale.ROOT, "gradient of example %d's and %d's outputs "
          + "w.r.t. the other %d examples' inputs, relative to their own: %.3g in evaluation "
          + "mode, %.3g in training mode", probes[0], probes[1], batch.size() - 1, evalLeak,
          trainLeak);
      if (evalLeak > TOLERANCE) {
        return CheckResult.fail(NAME, detail + "; the model mixes examples across the batch");
      }
      if (trainLeak > TOLERANCE) {
        return CheckResult.warn(NAME, detail + "; only training mode mixes examples (batch "
            + "normalisation does so by design)");
      }
      return CheckResult.pass(NAME, detail);
    }
  }

  /**
   * The largest |d(sum of row p's outputs)/d(input row i)| over probes p and rows i != p,
   * relative to the largest gradient on row p itself (0 when there is no dependence at all).
   */
  private static double leak(Module model, Dataset batch, int[] probes) {
    double worst = 0;
    int n = batch.size();
    int f = batch.featureCount();
    for (int p : probes) {
      try (Scope step = Scope.open(Scope.current().backend())) {
        Tensor inputs = new Batch(batch, identity(n), 0).inputs();
        Variable x = new Variable(inputs, true);
        Variable out = model.forward(x);
        int width = out.shape().cols();
        float[] mask = new float[n * width];
        java.util.Arrays.fill(mask, p * width, (p + 1) * width, 1f);
        out.mul(Variable.constant(Tensor.of(Shape.of(n, width), mask))).sum().backward();
        float[] g = x.grad().toArray();
        double own = 0;
        double other = 0;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < f; j++) {
            double v = Math.abs(g[i * f + j]);
            if (i == p) {
              own = Math.max(own, v);
            } else {
              other = Math.max(other, v);
            }
          }
        }
        worst = Math.max(worst, other / Math.max(own, Double.MIN_NORMAL));
      }
    }
    return worst;
  }

  private static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
