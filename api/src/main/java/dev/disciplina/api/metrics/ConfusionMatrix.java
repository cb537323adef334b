package dev.disciplina.api.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Counts of (actual class, predicted class) pairs, from which accuracy and per-class and macro
 * precision, recall and F1 follow. Immutable.
 *
 * <p>Where a ratio has a zero denominator — precision of a class never predicted, recall of a
 * class absent from the data — it is 0, as scikit-learn's {@code zero_division=0}: a model that
 * never predicts a class gets no credit for it.
 */
public final class ConfusionMatrix {

  private final int classes;
  private final long[] counts; // [actual * classes + predicted]
  private final long total;

  private ConfusionMatrix(int classes, long[] counts) {
    this.classes = classes;
    this.counts = counts;
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    this.total = t;
  }

  /** The matrix of {@code actual} against {@code predicted} labels, each in {@code [0, classes)}. */
  public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException("actual has " + actual.length + " labels, predicted "
          + predicted.length);
    }
    long[] counts = new long[classes * classes];
    for (int i = 0; i < actual.length; i++) {
      int a = actual[i];
      int p = predicted[i];
      if (a < 0 || a >= classes || p < 0 || p >= classes) {
        throw new IllegalArgumentException("pair " + i + " (actual " + a + ", predicted " + p
            + ") is outside [0, " + classes + ")");
      }
      counts[a * classes + p]++;
    }
    return new ConfusionMatrix(classes, counts);
  }

  /** The sum of two matrices of the same size: counts of the union of their examples. */
  public ConfusionMatrix plus(ConfusionMatrix other) {
    if (other.classes != classes) {
      throw new IllegalArgumentException("cannot add a " + other.classes + "-class matrix to a "
          + classes + "-class one");
    }
    long[] sum = counts.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.counts[i];
    }
    return new ConfusionMatrix(classes, sum);
  }

  public int classes() {
    return classes;
  }

  /** How many examples of class {@code actual} were predicted as {@code predicted}. */
  public long count(int actual, int predicted) {
    Objects.checkIndex(actual, classes);
    Objects.checkIndex(predicted, classes);
    return counts[actual * classes + predicted];
  }

  /** The number of examples counted. */
  public long total() {
    return total;
  }

  /** The fraction predicted correctly; 0 with no examples. */
  public double accuracy() {
    long right = 0;
    for (int c = 0; c < classes; c++) {
      right += counts[c * classes + c];
    }
    return total == 0 ? 0 : (double) right / total;
  }

  /** Of the examples predicted as {@code c}, the fraction that are {@code c}. */
  public double precision(int c) {
    long predicted = 0;
    for (int a = 0; a < classes; a++) {
      predicted += counts[a * classes + c];
    }
    return ratio(count(c, c), predicted);
  }

  /** Of the examples of class {@code c}, the fraction predicted as {@code c}. */
  public double recall(int c) {
    long actual = 0;
    for (int p = 0; p < classes; p++) {
      actual += counts[c * classes + p];
    }
    return ratio(count(c, c), actual);
  }

  /** The harmonic mean of precision and recall of class {@code c}; 0 when both are 0. */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The unweighted mean of per-class precision. */
  public double macroPrecision() {
    double s = 0;
    for (int c = 0; c < classes; c++) {
      s += precision(c);
    }
    return s / classes;
  }

  /** The unweighted mean of per-class recall. */
  public double macroRecall() {
    double s = 0;
    for (int c = 0; c < classes; c++) {
      s += recall(c);
    }
    return s / classes;
  }

  /** The unweighted mean of per-class F1 (scikit-learn's {@code f1_score(average='macro')}). */
  public double macroF1() {
    double s = 0;
    for (int c = 0; c < classes; c++) {
      s += f1(c);
    }
    return s / classes;
  }

  /** Accuracy and the macro averages, as one value. */
  public ClassificationReport report() {
    return new ClassificationReport(accuracy(), macroPrecision(), macroRecall(), macroF1(), total);
  }

  private static double ratio(long num, long den) {
    return den == 0 ? 0 : (double) num / den;
  }

  /** The matrix as text, rows actual and columns predicted, headed by {@code names}. */
  public String format(List<String> names) {
    if (names.size() != classes) {
      throw new IllegalArgumentException("need " + classes + " names, got " + names.size());
    }
    int w = 6;
    for (String n : names) {
      w = Math.max(w, Math.min(n.length(), 12) + 1);
    }
    for (long c : counts) {
      w = Math.max(w, Long.toString(c).length() + 1);
    }
    StringBuilder s = new StringBuilder(String.format("%-" + w + "s", "actual\\pred"));
    for (String n : names) {
      s.append(String.format("%" + w + "s", clip(n)));
    }
    s.append('\n');
    for (int a = 0; a < classes; a++) {
      s.append(String.format("%-" + w + "s", clip(names.get(a))));
      for (int p = 0; p < classes; p++) {
        s.append(String.format("%" + w + "d", counts[a * classes + p]));
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String clip(String n) {
    return n.length() <= 12 ? n : n.substring(0, 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && m.classes == classes
        && java.util.Arrays.equals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * classes + java.util.Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix(" + classes + " classes, " + total + " examples, accuracy "
        + String.format("%.4f", accuracy()) + ")";
  }
}
