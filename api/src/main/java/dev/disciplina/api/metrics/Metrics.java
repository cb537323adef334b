package dev.disciplina.api.metrics;

/**
 * Metrics over plain arrays of labels, predictions and targets.
 *
 * <p>All methods are pure functions; none touches tensors, so a metric can be computed from any
 * source (a copy of the model's output, a file of predictions).
 */
public final class Metrics {

  private Metrics() {}

  /** The fraction of positions where {@code predicted} equals {@code actual}; 0 when empty. */
  public static double accuracy(int[] actual, int[] predicted) {
    checkLengths(actual.length, predicted.length);
    int right = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == predicted[i]) {
        right++;
      }
    }
    return actual.length == 0 ? 0 : (double) right / actual.length;
  }

  /** The confusion matrix of {@code actual} against {@code predicted} over {@code classes} classes. */
  public static ConfusionMatrix confusionMatrix(int classes, int[] actual, int[] predicted) {
    return ConfusionMatrix.of(classes, actual, predicted);
  }

  /** Accuracy and macro precision, recall and F1. */
  public static ClassificationReport classification(int classes, int[] actual, int[] predicted) {
    return ConfusionMatrix.of(classes, actual, predicted).report();
  }

  /** The mean of {@code |predicted - actual|} over all values. */
  public static double meanAbsoluteError(float[] actual, float[] predicted) {
    checkLengths(actual.length, predicted.length);
    requireValues(actual.length);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += Math.abs((double) predicted[i] - actual[i]);
    }
    return s / actual.length;
  }

  /** The square root of the mean of {@code (predicted - actual)^2} over all values. */
  public static double rootMeanSquaredError(float[] actual, float[] predicted) {
    checkLengths(actual.length, predicted.length);
    requireValues(actual.length);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = (double) predicted[i] - actual[i];
      s += d * d;
    }
    return Math.sqrt(s / actual.length);
  }

  /** Mean absolute error and root mean squared error. */
  public static RegressionReport regression(float[] actual, float[] predicted) {
    return new RegressionReport(meanAbsoluteError(actual, predicted),
        rootMeanSquaredError(actual, predicted), actual.length);
  }

  /**
   * The index of the largest value of each row of a row-major {@code [rows, columns]} array: the
   * predicted class of each row of scores or logits. Ties go to the first; NaN is never largest
   * unless the whole row is NaN (then 0).
   */
  public static int[] argmaxRows(float[] values, int columns) {
    if (columns < 1 || values.length % columns != 0) {
      throw new IllegalArgumentException(values.length + " values are not rows of " + columns);
    }
    int rows = values.length / columns;
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      float bestValue = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < columns; c++) {
        float v = values[r * columns + c];
        if (v > bestValue) {
          bestValue = v;
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /** 1 where a logit is above 0 (probability above one half), else 0: binary predictions. */
  public static int[] thresholdLogits(float[] logits) {
    int[] out = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] > 0 ? 1 : 0;
    }
    return out;
  }

  private static void checkLengths(int a, int p) {
    if (a != p) {
      throw new IllegalArgumentException("actual has " + a + " values, predicted " + p);
    }
  }

  private static void requireValues(int n) {
    if (n == 0) {
      throw new IllegalArgumentException("no values: an error over nothing is undefined");
    }
  }
}
