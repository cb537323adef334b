package dev.disciplina.api.optim;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p><b>State.</b> {@link #exportState()} copies the step count, the learning rate and every
 * state tensor to the heap; {@link #importState(OptimizerState)} puts them back, so a restored
 * optimizer continues bit-exactly. Subclasses declare their state tensors with {@link
 * #stateSlot(String)}.
 */
public abstract class Optimizer {

  private final List<Parameter> parameters;
  private final Scope home;
  private double learningRate;
  private int steps;
  private final Map<String, Tensor[]> slots = new LinkedHashMap<>();

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

  /**
   * Declares a named state tensor per parameter ({@code momentum_buffer}, {@code exp_avg}):
   * the returned array, indexed like {@link #parameters()}, is filled by the subclass and read by
   * {@link #exportState()} and {@link #importState(OptimizerState)}. Call it in the constructor.
   */
  protected final Tensor[] stateSlot(String name) {
    Tensor[] slot = new Tensor[parameters.size()];
    if (slots.putIfAbsent(name, slot) != null) {
      throw new IllegalStateException(getClass().getSimpleName() + ": state slot '" + name
          + "' declared twice");
    }
    return slot;
  }

  /** The kind of optimizer, as its state names it: {@code SGD}, {@code Adam}, {@code AdamW}. */
  public String kind() {
    return getClass().getSimpleName();
  }

  /** A copy of this optimizer's state: step count, learning rate and state tensors. */
  public final OptimizerState exportState() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      for (Map.Entry<String, Tensor[]> slot : slots.entrySet()) {
        Tensor t = slot.getValue()[i];
        if (t != null) {
          tensors.put(OptimizerState.key(i, slot.getKey()), t.toArray());
        }
      }
    }
    return new OptimizerState(kind(), steps, learningRate, tensors);
  }

  /**
   * Replaces this optimizer's state with {@code state}, taken from an optimizer of the same kind
   * over parameters of the same shapes. Fails, changing nothing, when the kind, a key or a size
   * does not fit.
   */
  public final void importState(OptimizerState state) {
    if (!state.kind().equals(kind())) {
      throw new IllegalArgumentException("optimizer state is for " + state.kind()
          + ", not for " + kind());
    }
    Map<String, float[]> checked = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : state.tensors().entrySet()) {
      checkStateEntry(e.getKey(), e.getValue());
      checked.put(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Tensor[]> slot : slots.entrySet()) {
      for (int i = 0; i < parameters.size(); i++) {
        float[] values = checked.get(OptimizerState.key(i, slot.getKey()));
        slot.getValue()[i] = values == null ? null : stateTensor(parameters.get(i), values);
      }
    }
    steps = state.steps();
    setLearningRate(state.learningRate());
  }

  private void checkStateEntry(String key, float[] values) {
    String[] parts = key.split("\\.", 3);
    int index = -1;
    if (parts.length == 3 && parts[0].equals("state") && parts[1].matches("[0-9]{1,9}")) {
      index = Integer.parseInt(parts[1]);
    }
    if (index < 0 || index >= parameters.size() || !slots.containsKey(parts[2])) {
      throw new IllegalArgumentException("optimizer state: " + kind() + " has no state '" + key
          + "' (" + parameters.size() + " parameters, slots " + slots.keySet() + ")");
    }
    long size = parameters.get(index).value().shape().size();
    if (values.length != size) {
      throw new IllegalArgumentException("optimizer state: '" + key + "' has " + values.length
          + " values, but parameter " + index + " of shape "
          + parameters.get(index).value().shape() + " needs " + size);
    }
  }

  private Tensor stateTensor(Parameter p, float[] values) {
    try (Scope.Activation a = home.activate()) {
      return Tensor.of(p.value().shape(), values);
    }
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
