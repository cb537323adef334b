package dev.disciplina.api.optim;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients.
 *
 * <p>{@link #step()} applies one update to every parameter that has a gradient; {@link
 * #zeroGrad()} resets gradients, which otherwise accumulate across backward passes. The training
 * loop calls them in that discipline: zero, forward, backward, step.
 *
 * <p><b>Memory.</b> Optimizer state (momentum, moment estimates) is made in the scope that was
 * current when the optimizer was constructed — build it in the model's scope — and updated in
 * place.
 */
public abstract class Optimizer {

  private final List<Parameter> parameters;
  private final Scope home;
  private double learningRate;
  private int steps;

  protected Optimizer(List<Parameter> parameters, double learningRate) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
    }
    this.parameters = List.copyOf(parameters);
    this.home = Scope.current();
    setLearningRate(learningRate);
  }

  /** Applies one update to every parameter that has a gradient. */
  public final void step() {
    steps++;
    float lr = (float) learningRate;
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      if (p.grad() != null) {
        update(i, p, p.grad(), lr, steps);
      }
    }
  }

  /** Updates parameter {@code index} in place; {@code step} counts from 1. */
  protected abstract void update(int index, Parameter p, Tensor grad, float lr, int step);

  /** Sets every parameter's accumulated gradient to zero. */
  public final void zeroGrad() {
    for (Parameter p : parameters) {
      p.zeroGrad();
    }
  }

  public final List<Parameter> parameters() {
    return parameters;
  }

  public final double learningRate() {
    return learningRate;
  }

  public final void setLearningRate(double lr) {
    requireNonNegative("learning rate", lr);
    this.learningRate = lr;
  }

  /** The number of steps taken. */
  public final int steps() {
    return steps;
  }

  /** A zero tensor shaped like {@code p}, in the optimizer's scope, for state. */
  protected final Tensor newState(Parameter p) {
    try (Scope.Activation a = home.activate()) {
      return Tensor.zeros(p.value().shape());
    }
  }

  protected static void requireNonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
  }

  protected static void requireUnitInterval(String what, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
    }
  }
}
