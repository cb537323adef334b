package dev.disciplina.trainer.lrfind;

import java.util.List;

/**
 * What a learning-rate sweep recorded: every iteration's rate and loss, why it stopped, and the
 * suggestion. An immutable value.
 *
 * @param points the iterations, in order
 * @param stopReason why the sweep ended, in words
 * @param suggestion the suggested rate, or why there is none
 */
public record LrSweep(List<LrPoint> points, String stopReason, LrSuggestion suggestion) {

  public LrSweep {
    points = List.copyOf(points);
  }

  public double[] learningRates() {
    return points.stream().mapToDouble(LrPoint::learningRate).toArray();
  }

  public double[] losses() {
    return points.stream().mapToDouble(LrPoint::loss).toArray();
  }

  public double[] smoothedLosses() {
    return points.stream().mapToDouble(LrPoint::smoothedLoss).toArray();
  }
}
