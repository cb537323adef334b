package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * A fully connected layer, {@code y = x W^T + b}, with {@code weight} of shape {@code [out, in]}
 * and {@code bias} of shape {@code [out]}.
 *
 * <p>Both are drawn from {@code U(-1/sqrt(in), 1/sqrt(in))}, weight first, as PyTorch's {@code
 * nn.Linear} does by default (its Kaiming-uniform with {@code a = sqrt(5)} reduces to that bound).
 */
public final class Linear extends Module {

  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  public Linear(int in, int out, Rng rng) {
    this(in, out, true, rng);
  }

  public Linear(int in, int out, boolean withBias, Rng rng) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException(
          "Linear: sizes must be at least 1, got in=" + in + ", out=" + out);
    }
    this.in = in;
    this.out = out;
    float bound = (float) (1.0 / Math.sqrt(in));
    float[] w = new float[out * in];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.uniform(-bound, bound);
    }
    weight = register("weight", new Parameter(Tensor.of(Shape.of(out, in), w)));
    if (withBias) {
      float[] b = new float[out];
      for (int i = 0; i < b.length; i++) {
        b[i] = rng.uniform(-bound, bound);
      }
      bias = register("bias", new Parameter(Tensor.of(Shape.of(out), b)));
    } else {
      bias = null;
    }
  }

  public Parameter weight() {
    return weight;
  }

  /** The bias, or {@code null} when built without one. */
  public Parameter bias() {
    return bias;
  }

  public int inFeatures() {
    return in;
  }

  public int outFeatures() {
    return out;
  }

  @Override
  public Variable forward(Variable input) {
    Shape s = input.shape();
    if (s.rank() != 2 || s.cols() != in) {
      throw new IllegalArgumentException(
          "Linear(" + in + " -> " + out + "): expected input [batch, " + in + "], got " + s);
    }
    return Variable.linear(input, weight, bias);
  }

  @Override
  public String toString() {
    return "Linear(" + in + " -> " + out + (bias == null ? ", no bias" : "") + ")";
  }
}
