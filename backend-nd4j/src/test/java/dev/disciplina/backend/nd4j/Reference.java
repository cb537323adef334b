package dev.disciplina.backend.nd4j;

import static org.assertj.core.api.Assertions.fail;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.UnaryOp;
import dev.disciplina.tck.Definitions;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Plain-Java, double-precision definitions of every kernel, to check the backend against. */
final class Reference {

  /** Relative tolerance for elementwise results. */
  static final double ELEMENTWISE = 1e-5;

  /** Relative tolerance for matrix products and reductions. */
  static final double ACCUMULATED = 1e-4;

  private Reference() {}

  static float[] random(SplittableRandom r, int n, double lo, double hi) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return v;
  }

  static double unary(UnaryOp op, double x) {
    return Definitions.unary(op, x);
  }

  static double binary(BinaryOp op, double a, double b) {
    return Definitions.binary(op, a, b);
  }

  static double scalar(ScalarOp op, double x, double s) {
    return Definitions.scalar(op, x, s);
  }

  /** Row-major strides of {@code dims}. */
  static int[] strides(int[] dims) {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** The index into {@code dims} (aligned right, size-1 dimensions repeated) of output index {@code flat}. */
  static int broadcastIndex(int flat, int[] out, int[] dims) {
    int[] outStrides = strides(out);
    int[] inStrides = strides(dims);
    int off = out.length - dims.length;
    int index = 0;
    for (int i = 0; i < out.length; i++) {
      int coord = (flat / outStrides[i]) % out[i];
      int j = i - off;
      if (j >= 0 && dims[j] != 1) {
        index += coord * inStrides[j];
      }
    }
    return index;
  }

  static double[] binary(BinaryOp op, float[] a, Shape sa, float[] b, Shape sb, Shape out) {
    double[] r = new double[out.size()];
    int[] o = out.toArray();
    int[] da = sa.toArray();
    int[] db = sb.toArray();
    for (int i = 0; i < r.length; i++) {
      r[i] = binary(op, a[broadcastIndex(i, o, da)], b[broadcastIndex(i, o, db)]);
    }
    return r;
  }

  static double[] broadcastTo(float[] x, Shape sx, Shape out) {
    double[] r = new double[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[broadcastIndex(i, out.toArray(), sx.toArray())];
    }
    return r;
  }

  /** {@code op(a) @ op(b)} for row-major {@code a} ({@code ra x ca}) and {@code b} ({@code rb x cb}). */
  static double[] matmul(float[] a, int ra, int ca, boolean ta, float[] b, int rb, int cb, boolean tb) {
    return matmul(a, ra, ca, ta, b, rb, cb, tb, false);
  }

  /**
   * With {@code magnitudes}, each value is {@code sum |a_ip * b_pj|} instead: the scale against
   * which the rounding error of a float32 dot product is measured (cancellation can make the
   * result itself arbitrarily small).
   */
  static double[] matmul(
      float[] a, int ra, int ca, boolean ta, float[] b, int rb, int cb, boolean tb,
      boolean magnitudes) {
    int m = ta ? ca : ra;
    int k = ta ? ra : ca;
    int n = tb ? rb : cb;
    double[] r = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a[p * ca + i] : a[i * ca + p];
          double y = tb ? b[j * cb + p] : b[p * cb + j];
          s += magnitudes ? Math.abs(x * y) : x * y;
        }
        r[i * n + j] = s;
      }
    }
    return r;
  }

  /** Reduces along {@code axis}, keeping it with size 1. */
  static double[] reduce(ReduceOp op, float[] x, Shape shape, int axis) {
    return reduce(op, x, shape, axis, false);
  }

  /** With {@code magnitudes}, SUM and MEAN of the absolute values (the scale of rounding errors). */
  static double[] reduce(ReduceOp op, float[] x, Shape shape, int axis, boolean magnitudes) {
    int[] d = shape.toArray();
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= d[i];
    }
    int len = d[axis];
    int inner = 1;
    for (int i = axis + 1; i < d.length; i++) {
      inner *= d[i];
    }
    double[] r = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int arg = 0;
        for (int j = 0; j < len; j++) {
          double v = x[(o * len + j) * inner + in];
          v = magnitudes ? Math.abs(v) : v;
          sum += v;
          if (v > max) {
            max = v;
            arg = j;
          }
          min = Math.min(min, v);
        }
        r[o * inner + in] = switch (op) {
          case SUM -> sum;
          case MEAN -> sum / len;
          case MAX -> max;
          case MIN -> min;
          case ARGMAX -> arg;
        };
      }
    }
    return r;
  }

  static void assertClose(String what, float[] actual, double[] expected, double relative) {
    assertClose(what, actual, expected, expected, relative);
  }

  /** Each value within {@code relative * max(|expected|, scale)} (plus 1e-6) of the expected one. */
  static void assertClose(
      String what, float[] actual, double[] expected, double[] scale, double relative) {
    if (actual.length != expected.length) {
      fail(what + ": " + actual.length + " values, expected " + expected.length);
    }
    for (int i = 0; i < actual.length; i++) {
      double e = expected[i];
      double a = actual[i];
      double bound = relative * Math.max(Math.abs(e), Math.abs(scale[i])) + 1e-6;
      if (Double.isNaN(e) ? !Double.isNaN(a) : Math.abs(a - e) > bound) {
        fail(what + ": value " + i + " is " + a + ", expected " + e + " (relative tolerance "
            + relative + ")\n actual   " + preview(actual) + "\n expected " + preview(expected));
      }
    }
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static String preview(float[] v) {
    return Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 12)));
  }

  private static String preview(double[] v) {
    return Arrays.toString(Arrays.copyOf(v, Math.min(v.length, 12)));
  }
}
