package dev.disciplina.api.metrics;

import java.util.Locale;

/**
 * The metrics Disciplina reports, each with a stable short key used in histories, CSV columns
 * ({@code val_accuracy}) and meter tags.
 *
 * <p>Metrics are for people: they say how good a model is in the task's own terms. Losses are for
 * training ({@code dev.disciplina.api.loss}); reports always show the loss as well.
 */
public enum Metric {
  ACCURACY("accuracy", true),
  PRECISION("precision", true),
  RECALL("recall", true),
  F1("f1", true),
  MAE("mae", false),
  RMSE("rmse", false);

  private final String key;
  private final boolean higherIsBetter;

  Metric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** The short name: {@code accuracy}, {@code precision}, {@code recall}, {@code f1}, {@code mae}, {@code rmse}. */
  public String key() {
    return key;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether the metric applies to classification (rather than regression). */
  public boolean forClassification() {
    return this != MAE && this != RMSE;
  }

  /** The metric with {@code key}, ignoring case. */
  public static Metric ofKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + key
        + "'; known: accuracy, precision, recall, f1, mae, rmse");
  }
}
