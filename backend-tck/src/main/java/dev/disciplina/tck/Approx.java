package dev.disciplina.tck;

import static org.assertj.core.api.Assertions.fail;

/**
 * Comparisons of float results with expected values, within a stated tolerance: a value passes
 * when {@code |actual - expected| <= abs + rel * |expected|}. NaN matches only NaN, and an
 * infinity only the same infinity.
 */
public record Approx(double rel, double abs) {

  /** Elementwise kernels: a few float32 rounding steps. */
  public static final Approx ELEMENTWISE = new Approx(1e-5, 1e-6);

  /** Sums of many products (matmul, reductions, fused kernels): rounding grows with length. */
  public static final Approx ACCUMULATED = new Approx(1e-4, 1e-5);

  /** Central finite differences in float32 with step 1e-2 against analytic gradients. */
  public static final Approx FINITE_DIFFERENCE = new Approx(2e-2, 2e-3);

  /** Asserts that {@code actual} matches {@code expected} element by element. */
  public void assertClose(String what, double[] expected, float[] actual) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " values, got " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      if (!matches(expected[i], actual[i])) {
        fail(String.format("%s: element %d is %s, expected %s (tolerance rel %.0e, abs %.0e)",
            what, i, actual[i], expected[i], rel, abs));
      }
    }
  }

  public void assertClose(String what, float[] expected, float[] actual) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    assertClose(what, e, actual);
  }

  public boolean matches(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
  }
}
