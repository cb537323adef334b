package dev.disciplina.api.optim;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * as PyTorch's {@code torch.optim.SGD} with zero dampening.
 */
public final class Sgd extends Optimizer {

  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private final Tensor[] velocity;

  private Sgd(Builder b) {
    super(b.parameters, b.learningRate);
    requireUnitInterval("momentum", b.momentum);
    requireNonNegative("weight decay", b.weightDecay);
    if (b.nesterov && b.momentum == 0) {
      throw new IllegalArgumentException("Nesterov momentum needs a momentum > 0");
    }
    this.momentum = (float) b.momentum;
    this.nesterov = b.nesterov;
    this.weightDecay = (float) b.weightDecay;
    this.velocity = stateSlot("momentum_buffer");
  }

  public static Builder builder(List<Parameter> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Parameter p, Tensor grad, float lr, int step) {
    Tensor v = null;
    if (momentum != 0f) {
      if (velocity[index] == null) {
        velocity[index] = newState(p);
      }
      v = velocity[index];
    }
    p.value().backend().sgdStep(p.value(), grad, v, lr, momentum, nesterov, weightDecay);
  }

  @Override
  public String kind() {
    return "SGD";
  }

  @Override
  public String toString() {
    return "SGD(lr=" + learningRate() + (momentum != 0 ? ", momentum=" + momentum : "")
        + (nesterov ? ", nesterov" : "") + (weightDecay != 0 ? ", weightDecay=" + weightDecay : "")
        + ")";
  }

  /** Settings for {@link Sgd}; the learning rate defaults to 0.01, the rest to 0. */
  public static final class Builder {
    private final List<Parameter> parameters;
    private double learningRate = 0.01;
    private double momentum;
    private boolean nesterov;
    private double weightDecay;

    private Builder(List<Parameter> parameters) {
      this.parameters = parameters;
    }

    public Builder learningRate(double lr) {
      this.learningRate = lr;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Sgd build() {
      return new Sgd(this);
    }
  }
}
