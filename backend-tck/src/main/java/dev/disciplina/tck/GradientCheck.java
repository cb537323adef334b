package dev.disciplina.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.function.Function;

/**
 * Compares autograd's gradients with central finite differences.
 *
 * <p>The function's output is reduced to the scalar {@code sum(out * R)} with fixed random
 * weights {@code R}, so every output element contributes with its own weight. Each checked input
 * element is moved by {@code ±h} and the scalar recomputed (in double from the float outputs);
 * at most {@value #MAX_ELEMENTS} elements per input are checked, spread over the tensor. Inputs
 * must keep clear of kinks (0 for relu and abs) by more than {@code h}.
 */
final class GradientCheck {

  static final float H = 1e-2f;
  static final int MAX_ELEMENTS = 24;

  private GradientCheck() {}

  static void check(String what, Function<Variable[], Variable> f, Tensor... inputs) {
    check(what, Approx.FINITE_DIFFERENCE, f, inputs);
  }

  static void check(String what, Approx tolerance, Function<Variable[], Variable> f,
      Tensor... inputs) {
    try (Scope scope = Scope.open()) {
      Variable[] leaves = new Variable[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        leaves[i] = new Variable(inputs[i], true);
      }
      Variable out = f.apply(leaves);
      float[] weights = randomWeights(out.shape().size());
      Variable loss = out.mul(Variable.constant(Tensor.of(out.shape(), weights))).sum();
      loss.backward();
      for (int i = 0; i < inputs.length; i++) {
        assertThat(leaves[i].grad())
            .as("%s: input %d received no gradient", what, i)
            .isNotNull();
        float[] analytic = leaves[i].grad().toArray();
        float[] base = inputs[i].toArray();
        int n = base.length;
        int stride = Math.max(1, n / MAX_ELEMENTS);
        for (int j = 0; j < n; j += stride) {
          double numeric = (evaluate(f, inputs, i, j, base, +H, weights)
              - evaluate(f, inputs, i, j, base, -H, weights)) / (2.0 * H);
          if (!tolerance.matches(numeric, analytic[j])) {
            fail(String.format(
                "%s: d/d input%d[%d] is %s by autograd but %.6g by finite differences "
                    + "(h=%s, tolerance rel %.0e abs %.0e)",
                what, i, j, analytic[j], numeric, H, tolerance.rel(), tolerance.abs()));
          }
        }
      }
    }
  }

  private static double evaluate(Function<Variable[], Variable> f, Tensor[] inputs, int which,
      int element, float[] base, float delta, float[] weights) {
    try (Scope scope = Scope.open(); GradMode.Guard off = GradMode.noGrad()) {
      Variable[] vars = new Variable[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        if (i == which) {
          float[] moved = base.clone();
          moved[element] += delta;
          vars[i] = Variable.constant(Tensor.of(inputs[i].shape(), moved));
        } else {
          vars[i] = Variable.constant(inputs[i]);
        }
      }
      float[] out = f.apply(vars).value().toArray();
      double sum = 0;
      for (int k = 0; k < out.length; k++) {
        sum += (double) out[k] * weights[k];
      }
      return sum;
    }
  }

  private static float[] randomWeights(int n) {
    Rng rng = Rng.seeded(12345);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.uniform(-1f, 1f);
    }
    return w;
  }
}
