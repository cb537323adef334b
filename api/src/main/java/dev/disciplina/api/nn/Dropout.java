package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.random.ExampleKeys;
import dev.disciplina.api.random.Rng;
import java.util.Optional;
import dev.disciplina.api.tensor.Tensor;

/**
 * Inverted dropout: in training mode each value is zeroed with probability {@code p} and the
 * rest scaled by {@code 1 / (1 - p)}, so the expected output equals the input; in evaluation mode
 * the input passes through unchanged.
 *
 * <p>Masks are drawn in Java, so the same seed drops the same units on every backend. The layer
 * takes one draw from the given {@link Rng} as its own seed. In the training loop, where {@link
 * ExampleKeys} names each row's epoch and example, the mask of a row is drawn from {@code
 * Rng.keyed(layerSeed, "dropout", epoch, example)}: it depends on nothing else (not the batch
 * size, not the worker). Outside the loop the layer draws from its own stream, in row-major order.
 */
public final class Dropout extends Module {

  private final float p;
  private final Rng rng;

  public Dropout(double p, Rng rng) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
    }
    this.p = (float) p;
    this.rng = rng.split();
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
    Optional<ExampleKeys> keys = ExampleKeys.current();
    int rows = input.shape().rank() == 0 ? 1 : input.shape().dim(0);
    if (keys.isPresent() && keys.get().rows() == rows) {
      int width = n / rows;
      for (int r = 0; r < rows; r++) {
        Rng row = Rng.keyed(rng.seed(), "dropout", keys.get().epoch(), keys.get().example(r));
        for (int i = r * width; i < (r + 1) * width; i++) {
          mask[i] = row.nextFloat() < p ? 0f : keep;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        mask[i] = rng.nextFloat() < p ? 0f : keep;
      }
    }
    return input.mul(Variable.constant(Tensor.of(input.shape(), mask)));
  }

  @Override
  public String toString() {
    return "Dropout(" + p + ")";
  }
}
