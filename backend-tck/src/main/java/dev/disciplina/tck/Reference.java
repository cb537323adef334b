package dev.disciplina.tck;

import dev.disciplina.api.tensor.Shape;

/**
 * Reference results computed in double precision from their definitions, for the kit and for a
 * backend's own tests: compare a kernel's float32 result with these within an {@link Approx}.
 */
public final class Reference {

  private Reference() {}

  /**
   * {@code op(a) @ op(b)} in double, row-major: {@code op(a)} is {@code [m, k]} ({@code a} is
   * {@code [k, m]} when {@code ta}), {@code op(b)} is {@code [k, n]} ({@code b} is {@code [n, k]}
   * when {@code tb}); the result is {@code [m, n]}.
   */
  public static double[] matmul(float[] a, int m, int k, boolean ta, float[] b, int n,
      boolean tb) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double av = ta ? a[p * m + i] : a[i * k + p];
          double bv = tb ? b[j * k + p] : b[p * n + j];
          s += av * bv;
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  /** {@link #matmul(float[], int, int, boolean, float[], int, boolean)} with the operands' shapes. */
  public static double[] matmul(float[] a, Shape sa, boolean ta, float[] b, Shape sb,
      boolean tb) {
    int m = ta ? sa.cols() : sa.rows();
    int k = ta ? sa.rows() : sa.cols();
    int n = tb ? sb.rows() : sb.cols();
    return matmul(a, m, k, ta, b, n, tb);
  }
}
