package dev.disciplina.trainer.noise;

/**
 * One epoch's estimate of the simple gradient noise scale {@code B = tr(S) / |G|^2}, where G is
 * the true gradient and S the covariance of one example's gradient.
 *
 * @param epoch the epoch, from 1
 * @param batchSize the batch size B the estimate was made at
 * @param pairs the number of pairs of consecutive steps it pools (the latest ones)
 * @param gradientSquaredNorm the unbiased estimate of |G|^2
 * @param traceCovariance the unbiased estimate of tr(S)
 * @param noiseScale {@code traceCovariance / gradientSquaredNorm}; NaN when |G|^2 was not
 *     resolved (its estimate was not positive: the noise swamps the gradient at this batch size)
 * @param standardError the jackknife standard error of {@code noiseScale} over the pairs; NaN
 *     with fewer than three pairs
 */
public record NoiseScaleEstimate(int epoch, int batchSize, int pairs, double gradientSquaredNorm,
    double traceCovariance, double noiseScale, double standardError) {

  /** Whether the estimate is a positive, finite number. */
  public boolean resolved() {
    return Double.isFinite(noiseScale) && noiseScale > 0;
  }
}
