package dev.disciplina.api.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Optimizer} needs to continue exactly: its kind, the number of steps taken (Adam's
 * bias correction depends on it), the current learning rate, and its per-parameter state tensors
 * (momentum buffers, moment estimates) as copies on the heap.
 *
 * <p>Tensors are keyed as PyTorch's optimizer {@code state_dict} nests them, flattened: {@code
 * state.<parameter index>.<slot>}, with slots {@code momentum_buffer} (SGD), {@code exp_avg} and
 * {@code exp_avg_sq} (Adam, AdamW). A parameter that has not been stepped has no entry. The
 * values are row-major, shaped like the parameter.
 *
 * @param kind the optimizer's kind ({@code SGD}, {@code Adam}, {@code AdamW})
 * @param steps the number of steps taken
 * @param learningRate the learning rate in force
 * @param tensors state tensors by key
 */
public record OptimizerState(String kind, int steps, double learningRate,
    Map<String, float[]> tensors) {

  public OptimizerState {
    Objects.requireNonNull(kind, "kind");
    if (steps < 0) {
      throw new IllegalArgumentException("optimizer state: steps must be >= 0, got " + steps);
    }
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** The key of {@code slot} of parameter {@code index}. */
  public static String key(int index, String slot) {
    return "state." + index + "." + slot;
  }
}
