package dev.disciplina.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Smoothing")
class SmoothingTest {

  @Test
  @DisplayName("a straight line passes through unchanged, end points included")
  void line() {
    double[] y = new double[20];
    for (int i = 0; i < y.length; i++) {
      y[i] = 3 - 0.1 * i;
    }
    double[] s = Smoothing.smooth(y);
    for (int i = 0; i < y.length; i++) {
      assertThat(s[i]).isCloseTo(y[i], within(1e-12));
    }
  }

  @Test
  @DisplayName("a single spike, in the middle or at either end, is removed")
  void spikes() {
    double[] y = {1, 1, 1, 1, 1, 9, 1, 1, 1, 1};
    assertThat(Smoothing.runningMedian3(y)).containsOnly(1.0);
    double[] end = {1, 1, 1, 1, 1, 1, 1, 1, 1, 9};
    assertThat(Smoothing.runningMedian3(end)).containsOnly(1.0);
    double[] start = {9, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertThat(Smoothing.runningMedian3(start)).containsOnly(1.0);
  }

  @Test
  @DisplayName("the median of 5 removes two-epoch spikes that the median of 3 keeps")
  void twoEpochSpike() {
    double[] y = {1, 1, 1, 1, 1, 1, 1, 9, 9, 1, 1, 1, 1, 1, 1, 1};
    assertThat(Smoothing.runningMedian5(y)).containsOnly(1.0);
    assertThat(Smoothing.runningMedian3(y)).contains(9.0);
    assertThat(Smoothing.smooth(y)).containsOnly(1.0);
  }

  @Test
  @DisplayName("two high epochs in a row at the end are a trend, not a spike: the median of 3 keeps them")
  void endTrend() {
    double[] y = {0.5, 0.4, 0.3, 1e3, 1e9};
    assertThat(Smoothing.runningMedian3(y)[4]).isGreaterThan(100);
  }

  @Test
  @DisplayName("short series are copied, not smoothed, and the input is never modified")
  void shortAndPure() {
    double[] y = {2, 1};
    assertThat(Smoothing.smooth(y)).containsExactly(2, 1).isNotSameAs(y);
    double[] z = {1, 5, 1, 5, 1};
    Smoothing.smooth(z);
    assertThat(z).containsExactly(1, 5, 1, 5, 1);
  }
}
