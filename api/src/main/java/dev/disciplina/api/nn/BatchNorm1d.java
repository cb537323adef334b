package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * Batch normalisation over the batch axis of {@code [batch, features]} inputs (Ioffe and
 * Szegedy, 2015), as PyTorch's {@code BatchNorm1d}: {@code y = (x - mean) / sqrt(var + eps) *
 * weight + bias}.
 *
 * <p>In training mode the mean and (biased) variance are the batch's, and the running estimates
 * move toward them: {@code running = (1 - momentum) * running + momentum * batch}, with the
 * unbiased variance. In evaluation mode the running estimates are used, so an example's output
 * does not depend on its batch. Running statistics are buffers named {@code running_mean} and
 * {@code running_var}.
 */
public final class BatchNorm1d extends Module {

  private final int features;
  private final float eps;
  private final float momentum;
  private final Parameter weight;
  private final Parameter bias;
  private final Tensor runningMean;
  private final Tensor runningVar;

  public BatchNorm1d(int features) {
    this(features, 1e-5f, 0.1f);
  }

  public BatchNorm1d(int features, float eps, float momentum) {
    if (features < 1) {
      throw new IllegalArgumentException("BatchNorm1d: features must be at least 1, got " + features);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("BatchNorm1d: eps must be positive, got " + eps);
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1], got " + momentum);
    }
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    Shape s = Shape.of(features);
    weight = register("weight", new Parameter(Tensor.ones(s)));
    bias = register("bias", new Parameter(Tensor.zeros(s)));
    runningMean = registerBuffer("running_mean", Tensor.zeros(s));
    runningVar = registerBuffer("running_var", Tensor.ones(s));
  }

  public Tensor runningMean() {
    return runningMean;
  }

  public Tensor runningVar() {
    return runningVar;
  }

  @Override
  public Variable forward(Variable input) {
    Shape s = input.shape();
    if (s.rank() != 2 || s.cols() != features) {
      throw new IllegalArgumentException(
          "BatchNorm1d(" + features + "): expected input [batch, " + features + "], got " + s);
    }
    Variable normalized;
    if (isTraining()) {
      int n = s.rows();
      if (n < 2) {
        throw new IllegalArgumentException(
            "BatchNorm1d(" + features + "): training needs more than one example per batch, got "
                + s + " (use drop-last, or eval mode)");
      }
      Variable mean = input.mean(0, true);
      Variable centered = input.sub(mean);
      Variable var = centered.square().mean(0, true);
      normalized = centered.div(var.add(eps).sqrt());
      try (GradMode.Guard off = GradMode.noGrad();
          Tensor m = mean.value().reshape(Shape.of(features));
          Tensor v = var.value().reshape(Shape.of(features));
          Tensor unbiased = v.mul((float) n / (n - 1))) {
        runningMean.axpby(1f - momentum, m, momentum);
        runningVar.axpby(1f - momentum, unbiased, momentum);
      }
    } else {
      Tensor denom;
      try (Tensor shifted = runningVar.add(eps)) {
        denom = shifted.sqrt();
      }
      Variable centered = input.sub(Variable.constant(runningMean));
      normalized = centered.div(Variable.constant(denom));
    }
    return normalized.mul(weight).add(bias);
  }

  @Override
  public String toString() {
    return "BatchNorm1d(" + features + ")";
  }
}
