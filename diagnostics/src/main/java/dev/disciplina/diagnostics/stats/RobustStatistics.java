package dev.disciplina.diagnostics.stats;

import java.util.Arrays;

/**
 * Robust statistics for short, noisy series: one wild value moves none of them much.
 *
 * <p>Learning curves are short (tens of epochs) and carry spikes (a bad batch, a learning-rate
 * restart), so the diagnosis uses medians rather than means and the Theil–Sen slope rather than
 * least squares: the median has a 50% breakdown point, Theil–Sen about 29% (Sen 1968).
 */
public final class RobustStatistics {

  /** {@code 1 / Φ⁻¹(3/4)}: makes the MAD a consistent estimator of σ for normal noise. */
  public static final double MAD_TO_SIGMA = 1.482602218505602;

  /**
   * Above this many points Theil–Sen thins the series to about this many (every k-th point), so
   * the estimator stays O(1) per call when the online diagnosis re-runs it every epoch of a long
   * run; 200 points give 19,900 pairwise slopes, far more than its precision needs.
   */
  static final int THEIL_SEN_MAX_POINTS = 200;

  private RobustStatistics() {}

  /** The median of {@code values}; NaN when empty. */
  public static double median(double[] values) {
    return median(values, 0, values.length);
  }

  /** The median of {@code values[from, to)}; NaN when the range is empty. */
  public static double median(double[] values, int from, int to) {
    checkRange(values, from, to);
    int n = to - from;
    if (n == 0) {
      return Double.NaN;
    }
    double[] copy = Arrays.copyOfRange(values, from, to);
    Arrays.sort(copy);
    return (n % 2 == 1) ? copy[n / 2] : 0.5 * (copy[n / 2 - 1] + copy[n / 2]);
  }

  /** The median absolute deviation from the median (not scaled to σ); NaN when empty. */
  public static double mad(double[] values) {
    double m = median(values);
    double[] dev = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      dev[i] = Math.abs(values[i] - m);
    }
    return median(dev);
  }

  /**
   * The standard deviation of the noise around a smooth trend, from second differences.
   *
   * <p>For {@code y_i = f(i) + e_i} with a locally linear trend {@code f}, the second difference
   * {@code y_{i+1} - 2 y_i + y_{i-1}} removes the trend and leaves noise of variance {@code 6σ²};
   * the MAD of the second differences, scaled by {@link #MAD_TO_SIGMA} and divided by {@code √6},
   * estimates σ. Using the MAD rather than the standard deviation keeps a steep start (where the
   * trend is not locally linear) or a single spike from inflating the estimate — the same idea
   * as Donoho and Johnstone's noise estimate from the finest wavelet coefficients.
   *
   * @return σ, or NaN with fewer than 4 points in the range (too few second differences)
   */
  public static double noiseSigma(double[] values, int from, int to) {
    checkRange(values, from, to);
    int n = to - from;
    if (n < 4) {
      return Double.NaN;
    }
    double[] d2 = new double[n - 2];
    for (int i = 0; i < n - 2; i++) {
      d2[i] = values[from + i + 2] - 2 * values[from + i + 1] + values[from + i];
    }
    return MAD_TO_SIGMA * mad(d2) / Math.sqrt(6.0);
  }

  /**
   * The standard deviation of multiplicative noise, relative to the level: σ such that {@code
   * values[i] ≈ level[i] · (1 + σ ε_i)} with standard normal {@code ε}.
   *
   * <p>Losses are positive and their noise scales with them (a loss of 2.3 early in training
   * wobbles more, in absolute terms, than a loss of 0.05 at the end), so the noise is measured
   * relative to the smoothed level: the second differences of {@code values[i] / level[i]} remove
   * the trend as in {@link #noiseSigma(double[], int, int)}, and their MAD over the whole run —
   * where a spike or a steep start touches only a few of the many differences — estimates
   * {@code √6 σ}.
   *
   * @param values the raw series
   * @param level the smoothed series, same length
   * @return σ relative to the level; NaN with fewer than 4 points or a non-positive level
   */
  public static double relativeNoiseSigma(double[] values, double[] level) {
    if (values.length != level.length) {
      throw new IllegalArgumentException(
          "values and level differ in length: " + values.length + " and " + level.length);
    }
    double[] ratio = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!(level[i] > 0)) {
        return Double.NaN;
      }
      ratio[i] = values[i] / level[i];
    }
    return noiseSigma(ratio, 0, ratio.length);
  }

  /** {@link #noiseSigma(double[], int, int)} over the whole series. */
  public static double noiseSigma(double[] values) {
    return noiseSigma(values, 0, values.length);
  }

  /**
   * The Theil–Sen slope of {@code values[from, to)} against their index: the median of the slopes
   * between every pair of points (Theil 1950, Sen 1968). A spike changes only the slopes of the
   * pairs it is in, so up to about 29% of wild points leave it unmoved.
   *
   * <p>Long ranges are thinned to about {@value #THEIL_SEN_MAX_POINTS} evenly spaced points.
   *
   * @return the slope per index step, or NaN with fewer than 2 points
   */
  public static double theilSenSlope(double[] values, int from, int to) {
    checkRange(values, from, to);
    int n = to - from;
    if (n < 2) {
      return Double.NaN;
    }
    int stride = Math.max(1, (n + THEIL_SEN_MAX_POINTS - 1) / THEIL_SEN_MAX_POINTS);
    int m = (n + stride - 1) / stride;
    double[] slopes = new double[m * (m - 1) / 2];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        int a = from + i * stride;
        int b = from + j * stride;
        slopes[k++] = (values[b] - values[a]) / (b - a);
      }
    }
    return median(slopes, 0, k);
  }

  /**
   * The standard error of the change a fitted straight line shows across {@code n} equally spaced
   * points ({@code slope × (n − 1)}), when each point carries independent noise σ.
   *
   * <p>For least squares {@code Var(slope) = 12σ² / (n(n² − 1))}; Theil–Sen has about 91%
   * of that efficiency under normal noise (Sen 1968), so its standard error is about 1.05 times
   * larger. A change is significant at about the 2.5% level (one-sided) when it exceeds twice this.
   *
   * @return the standard error, or NaN when {@code n < 3}
   */
  public static double lineChangeStandardError(double sigma, int n) {
    if (n < 3) {
      return Double.NaN;
    }
    double slopeSe = sigma * Math.sqrt(12.0 / (n * ((double) n * n - 1)));
    return 1.05 * slopeSe * (n - 1);
  }

  /** The index of the smallest value in {@code values[from, to)} (the first one on ties); -1 when empty. */
  public static int argMin(double[] values, int from, int to) {
    checkRange(values, from, to);
    int best = -1;
    for (int i = from; i < to; i++) {
      if (best < 0 || values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The smallest value in {@code values[from, to)}; NaN when empty. */
  public static double min(double[] values, int from, int to) {
    int i = argMin(values, from, to);
    return i < 0 ? Double.NaN : values[i];
  }

  private static void checkRange(double[] values, int from, int to) {
    if (from < 0 || to > values.length || from > to) {
      throw new IndexOutOfBoundsException(
          "range [" + from + ", " + to + ") is outside a series of " + values.length + " values");
    }
  }
}
