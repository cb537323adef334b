package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.tensor.Tensor;

/**
 * A trainable tensor of a {@link Module}: a leaf {@link Variable} that requires a gradient. Its
 * value and accumulated gradient live in the scope that was current when the module was built —
 * the model's scope — and are changed only in place, by optimizers and by {@link #load(float[])}.
 */
public final class Parameter extends Variable {

  public Parameter(Tensor value) {
    super(value, true);
  }

  /** A copy of the current values. */
  public float[] snapshot() {
    return value().toArray();
  }

  /** Overwrites the values in place with {@code values} (row-major, same size). */
  public void load(float[] values) {
    if (values.length != value().shape().size()) {
      throw new IllegalArgumentException(
          "load: parameter of shape " + value().shape() + " needs " + value().shape().size()
              + " values, got " + values.length);
    }
    try (dev.disciplina.api.tensor.Scope.Activation home = value().scope().activate();
        Tensor t = Tensor.of(value().shape(), values)) {
      value().assign(t);
    }
  }
}
