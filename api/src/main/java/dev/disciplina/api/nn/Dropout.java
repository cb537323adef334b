package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Tensor;

/**
 * Inverted dropout: in training mode each value is zeroed with probability {@code p} and the
 * rest scaled by {@code 1 / (1 - p)}, so the expected output equals the input; in evaluation mode
 * the input passes through unchanged.
 *
 * <p>Masks are drawn in Java from the given {@link Rng}, one value per element in row-major
 * order, so the same seed drops the same units on every backend.
 */
public final class Dropout extends Module {

  private final float p;
  private final Rng rng;

  public Dropout(double p, Rng rng) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    }
    this.p = (float) p;
    this.rng = rng;
  }

  public float probability() {
    return p;
  }

  @Override
  public Variable forward(Variable input) {
    if (!isTraining() || p == 0f) {
      return input;
    }
    int n = input.shape().size();
    float keep = 1f / (1f - p);
    float[] mask = new float[n];
    for (int i = 0; i < n; i++) {
      mask[i] = rng.nextFloat() < p ? 0f : keep;
    }
    return input.mul(Variable.constant(Tensor.of(input.shape(), mask)));
  }

  @Override
  public String toString() {
    return "Dropout(" + p + ")";
  }
}
