package dev.disciplina.trainer.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the gradient noise scale estimator")
class NoiseScaleMeterTest {

  /**
   * Batch gradients drawn as G + noise / sqrt(b), the noise of each coordinate with variance
   * sigma^2 (so tr(S) = D sigma^2): the estimator must recover |G|^2, tr(S) and their ratio.
   */
  @Test
  @DisplayName("recovers tr(S), |G|^2 and B = tr(S)/|G|^2 from simulated batch gradients")
  void recoversKnownNoiseScale() {
    Random random = new Random(7);
    int dims = 400;
    int batch = 32;
    double sigma = 2.0;
    float[] g = new float[dims];
    double gSquared = 0;
    for (int i = 0; i < dims; i++) {
      g[i] = (float) (0.05 * random.nextGaussian());
      gSquared += (double) g[i] * g[i];
    }
    double trace = dims * sigma * sigma;
    List<double[]> pairs = new ArrayList<>();
    for (int p = 0; p < 3000; p++) {
      pairs.add(NoiseScaleMeter.pair(draw(g, sigma, batch, random), draw(g, sigma, batch, random),
          batch));
    }
    NoiseScaleEstimate e = NoiseScaleMeter.estimate(1, batch, pairs);
    assertThat(e.traceCovariance()).isCloseTo(trace, within(0.05 * trace));
    assertThat(e.gradientSquaredNorm()).isCloseTo(gSquared, within(0.15 * gSquared));
    double truth = trace / gSquared;
    assertThat(e.noiseScale()).isCloseTo(truth, within(0.2 * truth));
    assertThat(e.standardError()).isPositive().isLessThan(0.2 * truth);
    assertThat(e.resolved()).isTrue();
  }

  @Test
  @DisplayName("says 'not resolved' when the noise swamps the gradient, and NaN with no pairs")
  void unresolved() {
    Random random = new Random(3);
    float[] zero = new float[50];
    List<double[]> pairs = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      pairs.add(NoiseScaleMeter.pair(draw(zero, 1, 8, random), draw(zero, 1, 8, random), 8));
    }
    double sum = pairs.stream().mapToDouble(p -> p[0]).sum();
    NoiseScaleEstimate e = NoiseScaleMeter.estimate(2, 8, pairs);
    assertThat(e.resolved()).isEqualTo(sum > 0);
    assertThat(NoiseScaleMeter.estimate(1, 8, List.of()).noiseScale()).isNaN();
  }

  private static float[] draw(float[] g, double sigma, int batch, Random random) {
    float[] out = new float[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = (float) (g[i] + sigma * random.nextGaussian() / Math.sqrt(batch));
    }
    return out;
  }
}
