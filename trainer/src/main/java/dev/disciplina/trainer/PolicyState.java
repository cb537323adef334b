package dev.disciplina.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link StopPolicy} remembers between decisions, in a form a checkpoint can hold: named
 * numbers (written to {@code state.json}) and named weight snapshots (written as tensors).
 *
 * @param numbers counters and thresholds by name; every value must read back exactly, so they
 *     are doubles (integers up to 2^53 are exact)
 * @param snapshots weight snapshots by name
 */
public record PolicyState(Map<String, Double> numbers, Map<String, WeightSnapshot> snapshots) {

  /** A policy that remembers nothing. */
  public static final PolicyState EMPTY = new PolicyState(Map.of(), Map.of());

  public PolicyState {
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    snapshots = Collections.unmodifiableMap(new LinkedHashMap<>(snapshots));
  }

  /** The number {@code key}, or {@code fallback} when it was not saved. */
  public double number(String key, double fallback) {
    Double v = numbers.get(key);
    return v == null ? fallback : v;
  }

  /** The snapshot {@code key}, if saved. */
  public Optional<WeightSnapshot> snapshot(String key) {
    return Optional.ofNullable(snapshots.get(key));
  }
}
