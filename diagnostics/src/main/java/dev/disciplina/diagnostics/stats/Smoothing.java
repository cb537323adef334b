package dev.disciplina.diagnostics.stats;

/**
 * Tukey's resistant smoothers: running medians (which delete isolated spikes) followed by
 * Hanning (a ¼-½-¼ running mean that rounds off the median's steps). See J. W. Tukey,
 * <i>Exploratory Data Analysis</i> (1977), chapter 7, and Velleman &amp; Hoaglin (1981).
 *
 * <p>End points use Tukey's end-point rule: the first value becomes the median of itself, the
 * smoothed second value and the straight-line extrapolation {@code 3 y₁ − 2 y₂} from the smoothed
 * second and third values (and the same at the other end). So a spike in the last epoch — the
 * one a diagnosis is most tempted to over-read — is removed too, while a real trend carries on to
 * the end.
 */
public final class Smoothing {

  /**
   * Series at least this long are smoothed with a running median of 5 (which removes spikes up to
   * two epochs long) instead of 3: below it a 5-wide window would flatten a real bend, such as an
   * overfitting onset a few epochs before the end.
   */
  public static final int MEDIAN_OF_5_FROM = 15;

  private Smoothing() {}

  /**
   * The curve the diagnosis reads levels from: median of 3 (series shorter than {@value
   * #MEDIAN_OF_5_FROM}) or 5, then Hanning. Series shorter than 3 are returned as copies.
   */
  public static double[] smooth(double[] values) {
    if (values.length < 3) {
      return values.clone();
    }
    double[] m = values.length >= MEDIAN_OF_5_FROM ? runningMedian5(values) : runningMedian3(values);
    return hanning(m);
  }

  /** The running median of 3 with Tukey's end-point rule. */
  public static double[] runningMedian3(double[] values) {
    int n = values.length;
    double[] y = values.clone();
    if (n < 3) {
      return y;
    }
    for (int i = 1; i < n - 1; i++) {
      y[i] = median3(values[i - 1], values[i], values[i + 1]);
    }
    endPoints(values, y);
    return y;
  }

  /**
   * The running median of 5; the second and next-to-last points use a median of 3, the end points
   * Tukey's end-point rule.
   */
  public static double[] runningMedian5(double[] values) {
    int n = values.length;
    if (n < 5) {
      return runningMedian3(values);
    }
    double[] y = values.clone();
    y[1] = median3(values[0], values[1], values[2]);
    y[n - 2] = median3(values[n - 3], values[n - 2], values[n - 1]);
    double[] w = new double[5];
    for (int i = 2; i < n - 2; i++) {
      System.arraycopy(values, i - 2, w, 0, 5);
      java.util.Arrays.sort(w);
      y[i] = w[2];
    }
    endPoints(values, y);
    return y;
  }

  /** Hanning: {@code y_i = ¼ x_{i-1} + ½ x_i + ¼ x_{i+1}}, end points copied. */
  public static double[] hanning(double[] values) {
    int n = values.length;
    double[] y = values.clone();
    for (int i = 1; i < n - 1; i++) {
      y[i] = 0.25 * values[i - 1] + 0.5 * values[i] + 0.25 * values[i + 1];
    }
    return y;
  }

  private static void endPoints(double[] raw, double[] y) {
    int n = raw.length;
    y[0] = median3(raw[0], y[1], 3 * y[1] - 2 * y[2]);
    y[n - 1] = median3(raw[n - 1], y[n - 2], 3 * y[n - 2] - 2 * y[n - 3]);
  }

  static double median3(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
