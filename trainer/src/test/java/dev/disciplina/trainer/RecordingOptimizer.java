package dev.disciplina.trainer;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SGD that records a copy of every gradient it is handed, step by step, so tests can see
 * exactly what the loop gave the optimizer. With learning rate 0 the weights never move.
 */
public final class RecordingOptimizer extends Optimizer {

  private final List<Map<Integer, float[]>> steps = new ArrayList<>();
  private int poisonAtStep = -1;

  public RecordingOptimizer(List<Parameter> parameters, double learningRate) {
    super(parameters, learningRate);
  }

  /** Makes the update of step {@code step} (from 1) write NaN into every parameter. */
  public RecordingOptimizer poisonAt(int step) {
    this.poisonAtStep = step;
    return this;
  }

  @Override
  protected void update(int index, Parameter p, Tensor grad, float lr, int step) {
    while (steps.size() < step) {
      steps.add(new LinkedHashMap<>());
    }
    steps.get(step - 1).put(index, grad.toArray());
    if (step == poisonAtStep) {
      p.value().fill(Float.NaN);
    } else {
      p.value().axpby(1f, grad, -lr);
    }
  }

  /** The gradients of each step, by parameter index. */
  public List<Map<Integer, float[]>> gradients() {
    return steps;
  }
}
