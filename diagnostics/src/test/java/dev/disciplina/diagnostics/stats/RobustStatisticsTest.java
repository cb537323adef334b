package dev.disciplina.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

@DisplayName("Robust statistics")
class RobustStatisticsTest {

  @Test
  @DisplayName("the median of an odd count is the middle value, of an even count the mean of the two middle values")
  void median() {
    assertThat(RobustStatistics.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(RobustStatistics.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(RobustStatistics.median(new double[0])).isNaN();
  }

  @Test
  @DisplayName("the median does not modify its input")
  void medianPure() {
    double[] a = {3, 1, 2};
    RobustStatistics.median(a);
    assertThat(a).containsExactly(3, 1, 2);
  }

  @RepeatedTest(20)
  @DisplayName("Theil–Sen recovers the slope of any straight line exactly")
  void theilSenLine(RepetitionInfo repetition) {
    Random r = new Random(repetition.getCurrentRepetition());
    double slope = r.nextGaussian() * 5;
    double intercept = r.nextGaussian() * 10;
    int n = 2 + r.nextInt(300);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = intercept + slope * i;
    }
    assertThat(RobustStatistics.theilSenSlope(y, 0, n)).isCloseTo(slope, within(1e-9 * (1 + Math.abs(slope))));
  }

  @Test
  @DisplayName("Theil–Sen ignores a wild point that least squares would follow")
  void theilSenRobust() {
    double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
    assertThat(RobustStatistics.theilSenSlope(y, 0, y.length)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  @DisplayName("the noise estimate recovers σ of white noise around a trend within 15%")
  void noise() {
    Random r = new Random(42);
    int n = 2000;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 5 - 0.01 * i + 0.3 * r.nextGaussian();
    }
    assertThat(RobustStatistics.noiseSigma(y)).isCloseTo(0.3, within(0.045));
  }

  @Test
  @DisplayName("the relative noise estimate recovers multiplicative noise on a decaying curve within 15%")
  void relativeNoise() {
    Random r = new Random(43);
    int n = 2000;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = (0.1 + 2 * Math.exp(-i / 300.0)) * (1 + 0.05 * r.nextGaussian());
    }
    assertThat(RobustStatistics.relativeNoiseSigma(y, Smoothing.smooth(y))).isCloseTo(0.05, within(0.0075));
  }

  @Test
  @DisplayName("a range outside the series is an error naming both")
  void range() {
    assertThatThrownBy(() -> RobustStatistics.median(new double[3], 1, 5))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[1, 5)").hasMessageContaining("3 values");
  }
}
