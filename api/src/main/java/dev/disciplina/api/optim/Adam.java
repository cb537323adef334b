package dev.disciplina.api.optim;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019), as PyTorch's {@code
 * torch.optim.Adam} and {@code AdamW}. Adam adds weight decay to the gradient (L2
 * regularisation); AdamW decays the weights directly, which is what weight decay should mean with
 * adaptive steps.
 */
public final class Adam extends Optimizer {

  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final boolean decoupled;
  private final Tensor[] m;
  private final Tensor[] v;

  private Adam(Builder b) {
    super(b.parameters, b.learningRate);
    requireUnitInterval("beta1", b.beta1);
    requireUnitInterval("beta2", b.beta2);
    requireNonNegative("weight decay", b.weightDecay);
    if (!(b.epsilon > 0) || Double.isInfinite(b.epsilon)) {
      throw new IllegalArgumentException("epsilon must be a finite number > 0, got " + b.epsilon);
    }
    this.beta1 = (float) b.beta1;
    this.beta2 = (float) b.beta2;
    this.epsilon = (float) b.epsilon;
    this.weightDecay = (float) b.weightDecay;
    this.decoupled = b.decoupled;
    this.m = stateSlot("exp_avg");
    this.v = stateSlot("exp_avg_sq");
  }

  /** Adam: learning rate 0.001, betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
  public static Builder adam(List<Parameter> parameters) {
    return new Builder(parameters, false, 0.0);
  }

  /** AdamW: as Adam, with decoupled weight decay 0.01. */
  public static Builder adamW(List<Parameter> parameters) {
    return new Builder(parameters, true, 0.01);
  }

  @Override
  protected void update(int index, Parameter p, Tensor grad, float lr, int step) {
    if (m[index] == null) {
      m[index] = newState(p);
      v[index] = newState(p);
    }
    p.value().backend().adamStep(p.value(), grad, m[index], v[index], lr, beta1, beta2, epsilon,
        weightDecay, decoupled, step);
  }

  @Override
  public String kind() {
    return decoupled ? "AdamW" : "Adam";
  }

  @Override
  public String toString() {
    return (decoupled ? "AdamW" : "Adam") + "(lr=" + learningRate()
        + (weightDecay != 0 ? ", weightDecay=" + weightDecay : "") + ")";
  }

  /** Settings for {@link Adam}. */
  public static final class Builder {
    private final List<Parameter> parameters;
    private final boolean decoupled;
    private double learningRate = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double weightDecay;

    private Builder(List<Parameter> parameters, boolean decoupled, double weightDecay) {
      this.parameters = parameters;
      this.decoupled = decoupled;
      this.weightDecay = weightDecay;
    }

    public Builder learningRate(double lr) {
      this.learningRate = lr;
      return this;
    }

    public Builder betas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}
