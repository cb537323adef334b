package dev.disciplina.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of a model's parameters and buffers, by name ({@link
 * dev.disciplina.api.nn.Module#stateDict()}), taken after {@code epoch} (0: the initial
 * weights). Lives on the Java heap; a policy keeps one only when it needs it.
 *
 * @param epoch the epoch these weights are from
 * @param batches how many batches of the epoch after {@code epoch} had run when it was taken (0
 *     for a snapshot at an epoch's end)
 * @param state the values by name, in the model's order
 */
public record WeightSnapshot(int epoch, int batches, Map<String, float[]> state) {

  public WeightSnapshot {
    state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
  }

  /** Where these weights are from, for messages: {@code epoch 3}, or {@code batch 5 of epoch 4}. */
  public String describe() {
    return batches == 0 ? "epoch " + epoch : "batch " + batches + " of epoch " + (epoch + 1);
  }
}
