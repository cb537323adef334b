package dev.disciplina.api.data;

import java.util.Arrays;

/**
 * Feature standardisation, {@code (x - mean) / std} per feature, with the mean and standard
 * deviation fitted on one dataset — the training split only, so that nothing about validation or
 * test examples leaks into training — and applied to any dataset of the same width.
 *
 * <p>A feature that is constant in the fitted data keeps a scale of 1 (it is only centred).
 * Immutable.
 */
public final class Standardizer {

  private final float[] mean;
  private final float[] std;

  private Standardizer(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
  }

  /** Fits means and (population) standard deviations to {@code train}. */
  public static Standardizer fit(Dataset train) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("Standardizer.fit: dataset '" + train.name()
          + "' is empty");
    }
    int n = train.size();
    int d = train.featureCount();
    float[] x = train.features();
    double[] sum = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        sum[j] += x[i * d + j];
      }
    }
    double[] mu = new double[d];
    for (int j = 0; j < d; j++) {
      mu[j] = sum[j] / n;
    }
    double[] sq = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x[i * d + j] - mu[j];
        sq[j] += c * c;
      }
    }
    float[] mean = new float[d];
    float[] std = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) mu[j];
      double s = Math.sqrt(sq[j] / n);
      std[j] = s > 1e-12 ? (float) s : 1f;
    }
    return new Standardizer(mean, std);
  }

  /** {@code dataset} with every feature standardised. */
  public Dataset apply(Dataset dataset) {
    int d = mean.length;
    if (dataset.featureCount() != d) {
      throw new IllegalArgumentException("Standardizer fitted on " + d + " features cannot apply to '"
          + dataset.name() + "' with " + dataset.featureCount());
    }
    float[] x = dataset.features();
    for (int i = 0; i < x.length; i++) {
      int j = i % d;
      x[i] = (x[i] - mean[j]) / std[j];
    }
    return dataset.withFeatures(x);
  }

  /** A copy of the fitted means. */
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the fitted standard deviations (1 for constant features). */
  public float[] std() {
    return std.clone();
  }

  @Override
  public String toString() {
    return "Standardizer(mean=" + Arrays.toString(Arrays.copyOf(mean, Math.min(4, mean.length)))
        + (mean.length > 4 ? "..." : "") + ")";
  }
}
