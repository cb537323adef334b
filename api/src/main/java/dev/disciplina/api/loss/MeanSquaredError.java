package dev.disciplina.api.loss;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.tensor.Tensor;

/** {@code mean((output - target)^2)} over every element. */
public final class MeanSquaredError implements Loss {

  @Override
  public Variable apply(Variable output, Tensor target) {
    if (!output.shape().equals(target.shape())) {
      throw new IllegalArgumentException(
          "mse: output " + output.shape() + " and target " + target.shape() + " differ");
    }
    return output.sub(Variable.constant(target)).square().mean();
  }

  @Override
  public String name() {
    return "mse";
  }
}
