package dev.disciplina.report.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Locale-independent number formatting for SVG coordinates and labels: the same double gives the
 * same text on every machine ({@link java.util.Locale#ROOT} rules, half-up rounding, no
 * exponent, trailing zeros removed).
 */
public final class Numbers {

  private Numbers() {}

  /** A coordinate with two decimals at most: {@code 12.5}, {@code 3}, {@code -0.25}. */
  public static String coord(double v) {
    return fixed(v, 2);
  }

  /**
   * {@code v} rounded half-up to {@code decimals} places, trailing zeros and a trailing point
   * removed, {@code -0} written as {@code 0}. Non-finite values are written {@code NaN}, {@code
   * inf} and {@code -inf}.
   */
  public static String fixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP)
        .stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
  }

  /**
   * {@code v} with {@code significant} significant digits, for values in a table: {@code 0.01234},
   * {@code 2.303}, {@code 1235}; very small or large magnitudes in scientific notation ({@code
   * 1.2e-05}).
   */
  public static String significant(double v, int significant) {
    if (!Double.isFinite(v)) {
      return fixed(v, 0);
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a < 1e-4 || a >= 1e6) {
      BigDecimal d = new BigDecimal(Double.toString(v)).round(new java.math.MathContext(significant,
          RoundingMode.HALF_UP));
      int exponent = d.precision() - d.scale() - 1;
      BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
      return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
          + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).round(new java.math.MathContext(significant,
        RoundingMode.HALF_UP)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
  }
}
