package dev.disciplina.diagnostics.stats;

/**
 * The quantities of L. Prechelt, "Early Stopping — But When?", in <i>Neural Networks: Tricks of
 * the Trade</i>, LNCS 1524, Springer 1998, pp. 55–69. Indices are 0-based positions in the series;
 * {@code t} is the current epoch.
 *
 * <ul>
 *   <li>Generalization loss {@code GL(t) = 100 · (E_va(t) / E_opt(t) − 1)}, where {@code E_opt(t)}
 *       is the lowest validation loss up to {@code t}: how far, in percent, validation has risen
 *       above its best. Prechelt's GL_α stops once GL exceeds α (he studies α = 1…5).
 *   <li>Training progress over a strip of {@code k} epochs {@code P_k(t) = 1000 · (Σ E_tr(t') / (k
 *       · min E_tr(t')) − 1)} over {@code t' = t−k+1 … t}: how much, in per mille, the strip's
 *       mean training loss exceeds its minimum. Large while training still makes progress or is
 *       unstable, near zero once it has converged.
 *   <li>Progress quotient {@code PQ(t) = GL(t) / P_k(t)}: a rise of validation loss counts for
 *       more once training has stopped progressing (Prechelt's PQ_α stops once PQ exceeds α).
 *   <li>{@code UP_s}: validation loss rose at the end of each of {@code s} successive strips —
 *       {@link #upStrips} counts how many strips in a row, ending at {@code t}, rose.
 * </ul>
 *
 * <p>Losses must be positive for the ratios to mean anything; with a non-positive minimum these
 * methods return NaN.
 */
public final class Prechelt {

  /** Prechelt's strip length: training progress and UP_s are measured over strips of 5 epochs. */
  public static final int STRIP_LENGTH = 5;

  private Prechelt() {}

  /** {@code GL(t)} in percent; NaN when the best loss so far is not positive. */
  public static double generalizationLoss(double[] valLoss, int t) {
    checkIndex(valLoss, t);
    double opt = RobustStatistics.min(valLoss, 0, t + 1);
    return opt > 0 ? 100.0 * (valLoss[t] / opt - 1.0) : Double.NaN;
  }

  /**
   * {@code P_k(t)} in per mille; NaN when {@code t + 1 < k} or the strip's minimum is not positive.
   */
  public static double trainingProgress(double[] trainLoss, int t, int k) {
    checkIndex(trainLoss, t);
    if (k < 1 || t + 1 < k) {
      return Double.NaN;
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = t - k + 1; i <= t; i++) {
      sum += trainLoss[i];
      min = Math.min(min, trainLoss[i]);
    }
    return min > 0 ? 1000.0 * (sum / (k * min) - 1.0) : Double.NaN;
  }

  /**
   * {@code PQ(t) = GL(t) / P_k(t)}; NaN when either is undefined, infinite when training made no
   * progress at all over the strip.
   */
  public static double progressQuotient(double[] valLoss, double[] trainLoss, int t, int k) {
    double gl = generalizationLoss(valLoss, t);
    double p = trainingProgress(trainLoss, t, k);
    if (Double.isNaN(gl) || Double.isNaN(p)) {
      return Double.NaN;
    }
    if (p == 0) {
      return gl > 0 ? Double.POSITIVE_INFINITY : 0.0;
    }
    return gl / p;
  }

  /**
   * How many successive strips of {@code k} epochs, ending at {@code t}, ended with a higher
   * validation loss than the strip before: the largest {@code s} such that {@code E_va(t − i·k) >
   * E_va(t − (i+1)·k)} for {@code i = 0 … s−1}. Prechelt's UP_s stops when this reaches s.
   */
  public static int upStrips(double[] valLoss, int t, int k) {
    checkIndex(valLoss, t);
    if (k < 1) {
      throw new IllegalArgumentException("strip length must be at least 1, got " + k);
    }
    int s = 0;
    for (int end = t; end - k >= 0; end -= k) {
      if (valLoss[end] > valLoss[end - k]) {
        s++;
      } else {
        break;
      }
    }
    return s;
  }

  private static void checkIndex(double[] values, int t) {
    if (t < 0 || t >= values.length) {
      throw new IndexOutOfBoundsException("epoch index " + t + " is outside a series of " + values.length);
    }
  }
}
