package dev.disciplina.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's loss and metrics on one dataset in evaluation mode, without gradients: the mean
 * loss over examples, and metrics keyed by {@link dev.disciplina.api.metrics.Metric#key()}.
 */
public record Evaluation(String dataset, double loss, Map<String, Double> metrics, int examples) {

  public Evaluation {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The metric with {@code key}, or NaN when it was not computed. */
  public double metric(String key) {
    Double v = metrics.get(key);
    return v == null ? Double.NaN : v;
  }
}
