package dev.disciplina.report.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to a fraction of an axis and says where its ticks go. A linear scale uses
 * round steps (1, 2 or 5 times a power of ten, Heckbert's "nice numbers", Graphics Gems 1990) and
 * widens its domain to whole steps; a log scale puts ticks at 1, 2 and 5 times powers of ten when
 * it spans few decades, at powers of ten otherwise. Immutable.
 */
public sealed interface Scale permits Scale.Linear, Scale.Log {

  /** The lower end of the domain. */
  double min();

  /** The upper end of the domain. */
  double max();

  /** Where {@code v} lies, 0 at {@link #min()} and 1 at {@link #max()}; NaN where it cannot be drawn. */
  double fraction(double v);

  /** The tick values, increasing, all inside the domain. */
  List<Double> ticks();

  /** The label of a tick value. */
  String label(double tick);

  /** Whether this is a log scale. */
  default boolean isLog() {
    return this instanceof Log;
  }

  /** Whether a value can be placed on this scale (finite, and positive on a log scale). */
  default boolean accepts(double v) {
    return Double.isFinite(v) && (!isLog() || v > 0);
  }

  /**
   * A linear scale over at least {@code [min, max]} with about {@code ticks} round ticks; {@code
   * integer} keeps the step a whole number (for epochs).
   */
  static Scale linear(double min, double max, int ticks, boolean integer) {
    return Linear.over(min, max, ticks, integer);
  }

  /** A log scale over at least {@code [min, max]}, both positive. */
  static Scale log(double min, double max) {
    return Log.over(min, max);
  }

  /**
   * The scale a loss axis should have for these values: log when every finite value is positive
   * and the largest is more than ten times the smallest (the curves span more than a decade),
   * linear otherwise. Non-finite values are ignored; with none finite, the domain is [0, 1].
   */
  static Scale forValues(double[] values, int ticks) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    boolean positive = true;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        positive &= v > 0;
      }
    }
    if (lo > hi) {
      return linear(0, 1, ticks, false);
    }
    if (positive && hi > 10 * lo) {
      return log(lo, hi);
    }
    return linear(lo, hi, ticks, false);
  }

  /** A linear scale; see {@link Scale#linear}. */
  record Linear(double min, double max, double step, int decimals) implements Scale {

    static Linear over(double min, double max, int ticks, boolean integer) {
      if (!(Double.isFinite(min) && Double.isFinite(max)) || min > max) {
        throw new IllegalArgumentException("a scale needs finite min <= max, got [" + min + ", " + max + "]");
      }
      if (min == max) {
        double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
        min -= pad;
        max += pad;
      }
      double step = nice((max - min) / Math.max(1, ticks - 1), true);
      if (integer) {
        step = Math.max(1, Math.rint(step));
      }
      double lo = Math.floor(min / step + 1e-9) * step;
      double hi = Math.ceil(max / step - 1e-9) * step;
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      return new Linear(round(lo, decimals), round(hi, decimals), step, decimals);
    }

    @Override
    public double fraction(double v) {
      return Double.isFinite(v) ? (v - min) / (max - min) : Double.NaN;
    }

    @Override
    public List<Double> ticks() {
      List<Double> t = new ArrayList<>();
      long n = Math.round((max - min) / step);
      for (long i = 0; i <= n; i++) {
        t.add(round(min + i * step, decimals));
      }
      return t;
    }

    @Override
    public String label(double tick) {
      return Numbers.fixed(tick, decimals);
    }
  }

  /** A log scale; see {@link Scale#log}. */
  record Log(double min, double max) implements Scale {

    private static final double[] MANTISSAS = {1, 2, 5};

    static Log over(double min, double max) {
      if (!(min > 0 && max >= min && Double.isFinite(max))) {
        throw new IllegalArgumentException("a log scale needs 0 < min <= max, got [" + min + ", " + max + "]");
      }
      double lowBase = Math.pow(10, Math.floor(Math.log10(min) + 1e-12));
      double lo = lowBase;
      for (double m : MANTISSAS) {
        double c = sig(m * lowBase);
        if (c <= min * (1 + 1e-12)) {
          lo = c;
        }
      }
      double highBase = Math.pow(10, Math.floor(Math.log10(max) - 1e-12));
      double hi = sig(10 * highBase);
      for (int i = MANTISSAS.length - 1; i >= 0; i--) {
        double c = sig(MANTISSAS[i] * highBase);
        if (c >= max * (1 - 1e-12)) {
          hi = c;
        }
      }
      if (hi <= lo) {
        hi = lo * 10;
      }
      return new Log(lo, hi);
    }

    @Override
    public double fraction(double v) {
      return v > 0 && Double.isFinite(v) ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
          : Double.NaN;
    }

    @Override
    public List<Double> ticks() {
      double decades = Math.log10(max) - Math.log10(min);
      double[] mantissas = decades <= 2.5 ? MANTISSAS : new double[] {1};
      int step = decades > 8 ? (int) Math.ceil(decades / 6) : 1;
      List<Double> t = new ArrayList<>();
      int first = (int) Math.floor(Math.log10(min) + 1e-12);
      int last = (int) Math.ceil(Math.log10(max) - 1e-12);
      for (int k = first; k <= last; k += step) {
        for (double m : mantissas) {
          double v = sig(m * Math.pow(10, k));
          if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) {
            t.add(v);
          }
        }
      }
      return t;
    }

    @Override
    public String label(double tick) {
      return Numbers.significant(tick, 2);
    }
  }

  /** A round number near {@code x}: 1, 2 or 5 times a power of ten (Heckbert). */
  static double nice(double x, boolean round) {
    if (!(x > 0)) {
      return 1;
    }
    double exponent = Math.floor(Math.log10(x));
    double fraction = x / Math.pow(10, exponent);
    double f;
    if (round) {
      f = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
    } else {
      f = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    }
    return f * Math.pow(10, exponent);
  }

  private static double sig(double v) {
    return new BigDecimal(Double.toString(v)).round(new java.math.MathContext(12)).doubleValue();
  }

  private static double round(double v, int decimals) {
    return new BigDecimal(Double.toString(v)).round(new java.math.MathContext(15))
        .setScale(Math.min(decimals, 300), java.math.RoundingMode.HALF_UP).doubleValue();
  }
}
