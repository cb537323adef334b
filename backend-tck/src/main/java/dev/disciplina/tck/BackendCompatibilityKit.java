package dev.disciplina.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.nn.Sigmoid;
import dev.disciplina.api.nn.Tanh;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conformance kit: what every backend must do, as JUnit 5 tests. A backend's test is a
 * subclass that says which backend it is:
 *
 * <pre>{@code
 * class CpuBackendCompatibilityTest extends BackendCompatibilityKit {
 *   protected Backend backend() { return Backends.named("cpu"); }
 * }
 * }</pre>
 *
 * <p>Values are checked against results computed here in double precision, within the
 * tolerances of {@link Approx}; gradients against central finite differences; fused kernels
 * against the portable defaults run on the same backend's primitives. A backend that names a
 * {@link #reference()} is also checked to train a small network to the same weights as the
 * reference, within {@link #referenceTolerance()}.
 */
public abstract class BackendCompatibilityKit {

  /** The backend under test. */
  protected abstract Backend backend();

  /**
   * A backend to compare whole training steps against — the pure-Java {@code cpu} backend for
   * the others — or {@code null} (the default) to skip that comparison.
   */
  protected Backend reference() {
    return null;
  }

  /** How closely a few training steps must match the {@link #reference()}. */
  protected Approx referenceTolerance() {
    return new Approx(1e-4, 1e-5);
  }

  private Scope scope;

  @BeforeEach
  void openScope() {
    scope = Scope.open(backend());
  }

  @AfterEach
  void closeScope() {
    scope.close();
  }

  // ---------------------------------------------------------------- helpers

  static Tensor t(float[] values, int... dims) {
    return Tensor.of(Shape.of(dims), values);
  }

  static float[] random(long seed, int n, float low, float high) {
    Rng rng = Rng.seeded(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.uniform(low, high);
    }
    return v;
  }

  /** Random values whose magnitude stays at least {@code margin} away from 0. */
  static float[] awayFromZero(long seed, int n, float margin) {
    float[] v = random(seed, n, margin, 1.5f);
    Rng signs = Rng.seeded(seed ^ 99);
    for (int i = 0; i < n; i++) {
      if (signs.nextFloat() < 0.5f) {
        v[i] = -v[i];
      }
    }
    return v;
  }

  static double[] map(float[] x, DoubleUnaryOperator f) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = f.applyAsDouble(x[i]);
    }
    return out;
  }

  static double[] matmulReference(float[] a, int m, int k, boolean ta, float[] b, int n,
      boolean tb) {
    return Reference.matmul(a, m, k, ta, b, n, tb);
  }

  static double unaryReference(UnaryOp op, double x) {
    return Definitions.unary(op, x);
  }

  static DoubleBinaryOperator binaryReference(BinaryOp op) {
    return (x, y) -> Definitions.binary(op, x, y);
  }

  static double scalarReference(ScalarOp op, double x, double s) {
    return Definitions.scalar(op, x, s);
  }

  /** Broadcast reference: {@code a} of shape {@code as} and {@code b} of {@code bs} to {@code out}. */
  static double[] broadcastReference(float[] a, int[] as, float[] b, int[] bs, int[] out,
      DoubleBinaryOperator f) {
    int size = 1;
    for (int d : out) {
      size *= d;
    }
    double[] r = new double[size];
    int[] idx = new int[out.length];
    for (int flat = 0; flat < size; flat++) {
      int rem = flat;
      for (int d = out.length - 1; d >= 0; d--) {
        idx[d] = rem % out[d];
        rem /= out[d];
      }
      r[flat] = f.applyAsDouble(a[offset(idx, as)], b[offset(idx, bs)]);
    }
    return r;
  }

  private static int offset(int[] idx, int[] shape) {
    int off = 0;
    int lead = idx.length - shape.length;
    for (int d = 0; d < shape.length; d++) {
      int i = shape[d] == 1 ? 0 : idx[d + lead];
      off = off * shape[d] + i;
    }
    return off;
  }

  // ================================================================ creation and copy-out

  @Nested
  @DisplayName("Creating and reading tensors")
  class Creation {

    @Test
    @DisplayName("a tensor made from an array reads back the same values")
    void roundTrip() {
      float[] v = random(1, 12, -3, 3);
      assertThat(t(v, 3, 4).toArray()).containsExactly(v);
    }

    @Test
    @DisplayName("a tensor made from an offset into an array takes the values from there")
    void offset() {
      float[] v = {9, 9, 1, 2, 3, 4};
      assertThat(Tensor.of(Shape.of(2, 2), v, 2).toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    @DisplayName("changing the source array afterwards does not change the tensor")
    void copiesInput() {
      float[] v = {1, 2, 3};
      Tensor x = t(v, 3);
      v[0] = 100;
      assertThat(x.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("full, zeros and ones fill every element")
    void full() {
      assertThat(Tensor.full(Shape.of(2, 3), 2.5f).toArray()).containsOnly(2.5f).hasSize(6);
      assertThat(Tensor.zeros(Shape.of(4)).toArray()).containsOnly(0f);
      assertThat(Tensor.ones(Shape.of(1, 1)).toArray()).containsExactly(1f);
    }

    @Test
    @DisplayName("a scalar has rank 0, one value, and item() reads it")
    void scalar() {
      Tensor s = Tensor.scalar(4.25f);
      assertThat(s.shape().rank()).isZero();
      assertThat(s.item()).isEqualTo(4.25f);
    }

    @Test
    @DisplayName("one-hot rows have a single 1 at the label")
    void oneHot() {
      assertThat(Tensor.oneHot(new int[] {2, 0, 1}, 3).toArray())
          .containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
    }

    @Test
    @DisplayName("copyTo writes at an offset and leaves the rest of the array alone")
    void copyTo() {
      float[] dest = {7, 7, 7, 7, 7};
      t(new float[] {1, 2, 3}, 3).copyTo(dest, 1);
      assertThat(dest).containsExactly(7, 1, 2, 3, 7);
    }

    @Test
    @DisplayName("NaN and infinities survive a round trip")
    void specialValues() {
      float[] v = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f};
      float[] back = t(v, 4).toArray();
      assertThat(Float.isNaN(back[0])).isTrue();
      assertThat(back[1]).isEqualTo(Float.POSITIVE_INFINITY);
      assertThat(back[2]).isEqualTo(Float.NEGATIVE_INFINITY);
    }
  }

  // ================================================================ elementwise

  @Nested
  @DisplayName("Elementwise operations")
  class Elementwise {

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    @DisplayName("every unary op matches its double-precision definition")
    void unary(UnaryOp op) {
      float[] v = switch (op) {
        case LOG, SQRT, RECIPROCAL -> random(2, 37, 0.05f, 4f);
        case EXP -> random(2, 37, -10f, 10f);
        case SIGN, STEP, RELU, ABS -> new float[] {-2f, -0.5f, 0f, 0.5f, 3f, -1e-7f, 1e-7f};
        default -> random(2, 37, -6f, 6f);
      };
      Tensor x = t(v, v.length);
      Approx.ELEMENTWISE.assertClose(op.name(), map(v, d -> unaryReference(op, d)),
          x.apply(op).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    @DisplayName("every binary op on equal shapes matches its definition")
    void binary(BinaryOp op) {
      float[] a = random(3, 35, -4, 4);
      float[] b = awayFromZero(4, 35, 0.2f);
      double[] expected = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        expected[i] = binaryReference(op).applyAsDouble(a[i], b[i]);
      }
      Approx.ELEMENTWISE.assertClose(op.name(), expected, t(a, 5, 7).apply(op, t(b, 5, 7)).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScalarOp.class)
    @DisplayName("every scalar op matches its definition")
    void scalar(ScalarOp op) {
      float[] a = random(5, 33, 0.1f, 3f);
      float s = op == ScalarOp.POW ? 2.5f : 1.75f;
      Approx.ELEMENTWISE.assertClose(op.name(), map(a, x -> scalarReference(op, x, s)),
          t(a, 33).apply(op, s).toArray());
    }

    @Test
    @DisplayName("operations return new tensors and leave their operands unchanged")
    void pure() {
      float[] a = {1, 2, 3, 4};
      Tensor x = t(a, 2, 2);
      x.add(x).mul(3f).exp();
      x.matmul(x);
      x.sum(0, true);
      assertThat(x.toArray()).containsExactly(a);
    }

    @Test
    @DisplayName("large vectors with a ragged tail are computed to the last element")
    void raggedTail() {
      float[] a = random(6, 1000 * 16 + 13, -1, 1);
      Tensor x = t(a, a.length);
      Approx.ELEMENTWISE.assertClose("tanh", map(a, Math::tanh), x.tanh().toArray());
      Approx.ELEMENTWISE.assertClose("add", map(a, d -> 2 * d), x.add(x).toArray());
    }
  }

  // ================================================================ broadcasting

  @Nested
  @DisplayName("Broadcasting")
  class Broadcasting {

    void check(int[] as, int[] bs, int[] expectedShape) {
      int na = Shape.of(as).size();
      int nb = Shape.of(bs).size();
      float[] a = random(7, na, -2, 2);
      float[] b = awayFromZero(8, nb, 0.25f);
      for (BinaryOp op : BinaryOp.values()) {
        Tensor r = t(a, as).apply(op, t(b, bs));
        assertThat(r.shape()).isEqualTo(Shape.of(expectedShape));
        Approx.ELEMENTWISE.assertClose(
            op + " " + Shape.of(as) + " with " + Shape.of(bs),
            broadcastReference(a, as, b, bs, expectedShape, binaryReference(op)), r.toArray());
      }
    }

    @Test
    @DisplayName("a row vector broadcasts over every row")
    void rowVector() {
      check(new int[] {4, 5}, new int[] {5}, new int[] {4, 5});
      check(new int[] {5}, new int[] {4, 5}, new int[] {4, 5});
      check(new int[] {4, 5}, new int[] {1, 5}, new int[] {4, 5});
    }

    @Test
    @DisplayName("a column vector broadcasts over every column")
    void columnVector() {
      check(new int[] {4, 5}, new int[] {4, 1}, new int[] {4, 5});
      check(new int[] {4, 1}, new int[] {4, 5}, new int[] {4, 5});
    }

    @Test
    @DisplayName("a scalar broadcasts to anything, either side")
    void scalar() {
      check(new int[] {3, 2}, new int[] {}, new int[] {3, 2});
      check(new int[] {}, new int[] {3, 2}, new int[] {3, 2});
      check(new int[] {1}, new int[] {6}, new int[] {6});
    }

    @Test
    @DisplayName("both operands may broadcast at once: [4,1] with [1,3] gives [4,3]")
    void outer() {
      check(new int[] {4, 1}, new int[] {1, 3}, new int[] {4, 3});
      check(new int[] {4, 1}, new int[] {3}, new int[] {4, 3});
    }

    @Test
    @DisplayName("rank 3 broadcasts by the same rules")
    void rank3() {
      check(new int[] {2, 3, 4}, new int[] {3, 1}, new int[] {2, 3, 4});
      check(new int[] {2, 1, 4}, new int[] {1, 3, 1}, new int[] {2, 3, 4});
    }

    @Test
    @DisplayName("broadcastTo copies a vector into every row")
    void broadcastTo() {
      Tensor r = t(new float[] {1, 2}, 2).broadcastTo(Shape.of(3, 2));
      assertThat(r.toArray()).containsExactly(1, 2, 1, 2, 1, 2);
      Tensor c = t(new float[] {1, 2}, 2, 1).broadcastTo(Shape.of(2, 3));
      assertThat(c.toArray()).containsExactly(1, 1, 1, 2, 2, 2);
    }

    @Test
    @DisplayName("shapes that do not broadcast are rejected naming the operation and both shapes")
    void mismatch() {
      Tensor a = Tensor.zeros(Shape.of(2, 3));
      Tensor b = Tensor.zeros(Shape.of(4));
      assertThatThrownBy(() -> a.add(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("add")
          .hasMessageContaining("[2, 3]")
          .hasMessageContaining("[4]");
    }
  }

  // ================================================================ matmul

  @Nested
  @DisplayName("Matrix products")
  class MatrixProducts {

    void check(int m, int k, int n, boolean ta, boolean tb, long seed) {
      float[] a = random(seed, m * k, -1, 1);
      float[] b = random(seed + 1, k * n, -1, 1);
      Tensor x = ta ? t(a, k, m) : t(a, m, k);
      Tensor y = tb ? t(b, n, k) : t(b, k, n);
      Tensor c = x.matmul(ta, y, tb);
      assertThat(c.shape()).isEqualTo(Shape.of(m, n));
      Approx.ACCUMULATED.assertClose(
          "matmul " + m + "x" + k + "x" + n + (ta ? " A^T" : "") + (tb ? " B^T" : ""),
          matmulReference(a, m, k, ta, b, n, tb), c.toArray());
    }

    @Test
    @DisplayName("long inner dimensions lose no more than blocked BLAS sums: mean error under 5e-8 of the sum of |terms| at k = 784 and 2048")
    void longSumsStayAccurate() {
      // Positive-biased values, as standardized pixels times weights are: one fused multiply-add
      // chain over all of k loses about 1e-7 of the sum of |terms| here (1.6e-7 at k = 2048),
      // the blocked sums of BLAS libraries and of the cpu backend about 2e-8.
      for (int k : new int[] {784, 2048}) {
        int m = 32;
        int n = 64;
        float[] a = random(k, m * k, -0.7f, 1.3f);
        float[] b = random(k + 1, k * n, -0.7f, 1.3f);
        float[] c = t(a, m, k).matmul(t(b, k, n)).toArray();
        double relative = 0;
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double exact = 0;
            double magnitude = 0;
            for (int p = 0; p < k; p++) {
              double term = (double) a[i * k + p] * b[p * n + j];
              exact += term;
              magnitude += Math.abs(term);
            }
            relative += Math.abs(c[i * n + j] - exact) / magnitude;
          }
        }
        assertThat(relative / (m * n))
            .as("mean error of a %dx%dx%d product, relative to the sum of |terms|", m, k, n)
            .isLessThan(5e-8);
      }
    }

    @Test
    @DisplayName("1x1 times 1x1 is the product")
    void oneByOne() {
      assertThat(t(new float[] {3}, 1, 1).matmul(t(new float[] {-2}, 1, 1)).toArray())
          .containsExactly(-6f);
    }

    @Test
    @DisplayName("every combination of transpose flags matches the definition on odd sizes")
    void transposeFlags() {
      int seed = 10;
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          check(17, 33, 5, ta, tb, seed++);
          check(1, 7, 19, ta, tb, seed++);
          check(9, 1, 3, ta, tb, seed++);
        }
      }
    }

    @Test
    @DisplayName("MLP-sized products (a batch of 128 through 784 -> 64) match the definition")
    void mlpSized() {
      check(128, 784, 64, false, true, 20);
      check(64, 128, 784, true, false, 21);
      check(128, 64, 784, false, false, 22);
    }

    @Test
    @DisplayName("sizes past the blocking and threading thresholds match the definition")
    void large() {
      check(257, 129, 263, false, false, 30);
      check(200, 300, 100, true, true, 31);
    }

    @Test
    @DisplayName("a materialised transpose swaps rows and columns")
    void transpose() {
      Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      Tensor tr = x.transpose();
      assertThat(tr.shape()).isEqualTo(Shape.of(3, 2));
      assertThat(tr.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
      assertThat(t(new float[] {1, 2, 3}, 1, 3).transpose().toArray()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("a transposed copy multiplies like the transpose flag")
    void transposeThenMultiply() {
      float[] a = random(40, 6 * 4, -1, 1);
      float[] b = random(41, 6 * 5, -1, 1);
      Tensor x = t(a, 6, 4);
      Tensor y = t(b, 6, 5);
      Approx.ACCUMULATED.assertClose("transpose then matmul",
          x.matmul(true, y, false).toArray(), x.transpose().matmul(y).toArray());
    }

    @Test
    @DisplayName("inner dimensions that differ are rejected naming both shapes")
    void mismatch() {
      Tensor a = Tensor.zeros(Shape.of(2, 3));
      Tensor b = Tensor.zeros(Shape.of(4, 5));
      assertThatThrownBy(() -> a.matmul(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("matmul")
          .hasMessageContaining("[2, 3]")
          .hasMessageContaining("[4, 5]");
      assertThatThrownBy(() -> a.matmul(Tensor.zeros(Shape.of(3))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rank-2");
    }
  }

  // ================================================================ reductions and shape

  @Nested
  @DisplayName("Reductions and reshaping")
  class Reductions {

    double[] reduceReference(ReduceOp op, float[] x, int rows, int cols, int axis) {
      int outer = axis == 0 ? cols : rows;
      int len = axis == 0 ? rows : cols;
      double[] r = new double[outer];
      for (int o = 0; o < outer; o++) {
        double acc = op == ReduceOp.MAX || op == ReduceOp.ARGMAX ? Double.NEGATIVE_INFINITY
            : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0;
        int arg = 0;
        for (int i = 0; i < len; i++) {
          double v = axis == 0 ? x[i * cols + o] : x[o * cols + i];
          switch (op) {
            case SUM, MEAN -> acc += v;
            case MAX -> acc = Math.max(acc, v);
            case MIN -> acc = Math.min(acc, v);
            case ARGMAX -> {
              if (v > acc) {
                acc = v;
                arg = i;
              }
            }
          }
        }
        r[o] = op == ReduceOp.MEAN ? acc / len : op == ReduceOp.ARGMAX ? arg : acc;
      }
      return r;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReduceOp.class)
    @DisplayName("every reduction along either axis matches its definition and keeps the axis")
    void alongAxes(ReduceOp op) {
      int rows = 13;
      int cols = 37;
      float[] x = random(50, rows * cols, -5, 5);
      Tensor m = t(x, rows, cols);
      for (int axis = 0; axis < 2; axis++) {
        Tensor r = m.reduce(op, axis, true);
        assertThat(r.shape()).isEqualTo(axis == 0 ? Shape.of(1, cols) : Shape.of(rows, 1));
        Approx.ACCUMULATED.assertClose(op + " axis " + axis,
            reduceReference(op, x, rows, cols, axis), r.toArray());
      }
    }

    @Test
    @DisplayName("a rank-3 reduction along the middle axis sums the right elements")
    void middleAxis() {
      float[] x = new float[2 * 3 * 2];
      for (int i = 0; i < x.length; i++) {
        x[i] = i;
      }
      Tensor r = t(x, 2, 3, 2).sum(1, false);
      assertThat(r.shape()).isEqualTo(Shape.of(2, 2));
      assertThat(r.toArray()).containsExactly(6, 9, 24, 27);
    }

    @Test
    @DisplayName("argmax takes the first of equal maxima")
    void argmaxTies() {
      assertThat(t(new float[] {1, 5, 5, 2, 0, 0}, 2, 3).argmax(1).toArray())
          .containsExactly(1, 0);
    }

    @Test
    @DisplayName("sum and mean of everything are scalars")
    void reduceAll() {
      Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      assertThat(x.sum().shape().rank()).isZero();
      assertThat(x.sum().item()).isEqualTo(21f);
      assertThat(x.mean().item()).isEqualTo(3.5f);
    }

    @Test
    @DisplayName("reshape keeps the values in row-major order and does not share storage")
    void reshape() {
      Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      Tensor y = x.reshape(Shape.of(3, 2));
      assertThat(y.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      x.close();
      assertThat(y.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThatThrownBy(() -> y.reshape(Shape.of(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[3, 2]")
          .hasMessageContaining("[4]");
    }

    @Test
    @DisplayName("gatherRows picks rows in the given order, repeats allowed")
    void gatherRows() {
      Tensor x = t(new float[] {0, 1, 10, 11, 20, 21}, 3, 2);
      assertThat(x.gatherRows(new int[] {2, 0, 2}).toArray())
          .containsExactly(20, 21, 0, 1, 20, 21);
      assertThatThrownBy(() -> x.gatherRows(new int[] {3}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3");
      assertThatThrownBy(() -> x.gatherRows(new int[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    }
  }

  // ================================================================ in place

  @Nested
  @DisplayName("In-place updates")
  class InPlace {

    @Test
    @DisplayName("axpby computes alpha*target + beta*source in place")
    void axpby() {
      Tensor target = t(new float[] {1, 2, 3}, 3);
      target.axpby(2f, t(new float[] {10, 20, 30}, 3), 0.5f);
      assertThat(target.toArray()).containsExactly(7, 14, 21);
    }

    @Test
    @DisplayName("axpby with a tensor as both target and source scales it (AdamW's decay does this)")
    void axpbySelf() {
      Tensor target = t(new float[] {1, -2, 4}, 3);
      target.axpby(0.5f, target, 0f);
      assertThat(target.toArray()).containsExactly(0.5f, -1f, 2f);
      target.axpby(1f, target, 2f);
      assertThat(target.toArray()).containsExactly(1.5f, -3f, 6f);
    }

    @Test
    @DisplayName("assign copies values and fill overwrites them")
    void assignAndFill() {
      Tensor target = Tensor.zeros(Shape.of(2, 2));
      target.assign(t(new float[] {1, 2, 3, 4}, 2, 2));
      assertThat(target.toArray()).containsExactly(1, 2, 3, 4);
      target.fill(-1f);
      assertThat(target.toArray()).containsOnly(-1f);
    }

    @Test
    @DisplayName("in-place updates need equal shapes")
    void shapes() {
      Tensor target = Tensor.zeros(Shape.of(2, 2));
      assertThatThrownBy(() -> target.assign(Tensor.zeros(Shape.of(4))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[2, 2]")
          .hasMessageContaining("[4]");
    }
  }

  // ================================================================ fused

  @Nested
  @DisplayName("Fused operations agree with the portable defaults")
  class Fused {

    Backend defaults() {
      return new PrimitivesOnly(backend());
    }

    @Test
    @DisplayName("linear equals matmul with the transposed weight plus the bias")
    void linear() {
      Tensor x = t(random(60, 9 * 7, -1, 1), 9, 7);
      Tensor w = t(random(61, 5 * 7, -1, 1), 5, 7);
      Tensor b = t(random(62, 5, -1, 1), 5);
      Approx.ACCUMULATED.assertClose("linear",
          defaults().linear(x, w, b).toArray(), backend().linear(x, w, b).toArray());
      Approx.ACCUMULATED.assertClose("linear without bias",
          defaults().linear(x, w, null).toArray(), backend().linear(x, w, null).toArray());
    }

    @Test
    @DisplayName("softmax cross-entropy gives the default loss and gradient, also for huge logits")
    void softmaxCrossEntropy() {
      float[] logits = random(63, 6 * 4, -3, 3);
      logits[0] = 80f;
      logits[5] = -90f;
      Tensor x = t(logits, 6, 4);
      Tensor y = Tensor.oneHot(new int[] {0, 1, 2, 3, 3, 1}, 4);
      LossAndGradient expected = defaults().softmaxCrossEntropy(x, y);
      LossAndGradient actual = backend().softmaxCrossEntropy(x, y);
      assertThat(actual.loss().shape()).isEqualTo(Shape.scalar());
      assertThat(Float.isFinite(actual.loss().item())).isTrue();
      Approx.ACCUMULATED.assertClose("loss", expected.loss().toArray(), actual.loss().toArray());
      Approx.ACCUMULATED.assertClose("gradient", expected.gradient().toArray(),
          actual.gradient().toArray());
    }

    @Test
    @DisplayName("softmax cross-entropy stays finite when a non-target probability underflows to 0")
    void softmaxCrossEntropyUnderflow() {
      // exp(-200) is 0 in float32: a kernel that takes log(softmax) gets -inf there, and 0 * -inf
      // in the target-weighted sum is NaN. The default subtracts log-sum-exp instead.
      Tensor x = t(new float[] {100f, -100f, 0f, 0f, 150f, -60f}, 2, 3);
      Tensor y = Tensor.oneHot(new int[] {0, 1}, 3);
      LossAndGradient expected = defaults().softmaxCrossEntropy(x, y);
      LossAndGradient actual = backend().softmaxCrossEntropy(x, y);
      assertThat(Float.isFinite(actual.loss().item())).as("loss %s", actual.loss().item()).isTrue();
      Approx.ACCUMULATED.assertClose("loss", expected.loss().toArray(), actual.loss().toArray());
      Approx.ACCUMULATED.assertClose("gradient", expected.gradient().toArray(),
          actual.gradient().toArray());
    }

    @Test
    @DisplayName("an SGD step with momentum, Nesterov and weight decay matches the default")
    void sgd() {
      for (boolean nesterov : new boolean[] {false, true}) {
        float[] p = random(64, 40, -1, 1);
        float[] g = random(65, 40, -1, 1);
        Tensor p1 = t(p, 8, 5);
        Tensor p2 = t(p, 8, 5);
        Tensor v1 = t(random(66, 40, -1, 1), 8, 5);
        Tensor v2 = t(v1.toArray(), 8, 5);
        Tensor grad = t(g, 8, 5);
        for (int i = 0; i < 3; i++) {
          defaults().sgdStep(p1, grad, v1, 0.1f, 0.9f, nesterov, 0.01f);
          backend().sgdStep(p2, grad, v2, 0.1f, 0.9f, nesterov, 0.01f);
        }
        Approx.ACCUMULATED.assertClose("sgd parameters", p1.toArray(), p2.toArray());
        Approx.ACCUMULATED.assertClose("sgd velocity", v1.toArray(), v2.toArray());
        defaults().sgdStep(p1, grad, null, 0.1f, 0f, false, 0f);
        backend().sgdStep(p2, grad, null, 0.1f, 0f, false, 0f);
        Approx.ACCUMULATED.assertClose("plain sgd", p1.toArray(), p2.toArray());
      }
    }

    @Test
    @DisplayName("Adam and AdamW steps match the default")
    void adam() {
      for (boolean decoupled : new boolean[] {false, true}) {
        float[] p = random(67, 40, -1, 1);
        Tensor p1 = t(p, 40);
        Tensor p2 = t(p, 40);
        Tensor m1 = Tensor.zeros(Shape.of(40));
        Tensor m2 = Tensor.zeros(Shape.of(40));
        Tensor v1 = Tensor.zeros(Shape.of(40));
        Tensor v2 = Tensor.zeros(Shape.of(40));
        for (int step = 1; step <= 4; step++) {
          Tensor grad = t(random(68 + step, 40, -1, 1), 40);
          defaults().adamStep(p1, grad, m1, v1, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, decoupled, step);
          backend().adamStep(p2, grad, m2, v2, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f, decoupled, step);
        }
        Approx.ACCUMULATED.assertClose("adam parameters", p1.toArray(), p2.toArray());
        Approx.ACCUMULATED.assertClose("adam m", m1.toArray(), m2.toArray());
        Approx.ACCUMULATED.assertClose("adam v", v1.toArray(), v2.toArray());
      }
    }
  }

  // ================================================================ gradients

  @Nested
  @DisplayName("Gradients agree with finite differences")
  class Gradients {

    Tensor r(long seed, int... dims) {
      return t(random(seed, Shape.of(dims).size(), -1, 1), dims);
    }

    Tensor away(long seed, int... dims) {
      return t(awayFromZero(seed, Shape.of(dims).size(), 0.3f), dims);
    }

    Tensor positive(long seed, int... dims) {
      return t(random(seed, Shape.of(dims).size(), 0.5f, 2f), dims);
    }

    @Test
    @DisplayName("of add, sub, mul and div, with and without broadcasting")
    void arithmetic() {
      GradientCheck.check("add", v -> v[0].add(v[1]), r(1, 3, 4), r(2, 3, 4));
      GradientCheck.check("add row", v -> v[0].add(v[1]), r(3, 3, 4), r(4, 4));
      GradientCheck.check("sub column", v -> v[0].sub(v[1]), r(5, 3, 4), r(6, 3, 1));
      GradientCheck.check("mul outer", v -> v[0].mul(v[1]), r(7, 3, 1), r(8, 1, 4));
      GradientCheck.check("div", v -> v[0].div(v[1]), r(9, 3, 4), away(10, 4));
      GradientCheck.check("mul scalar tensor", v -> v[0].mul(v[1]), r(11, 2, 3),
          t(new float[] {1.5f}, new int[0]));
      GradientCheck.check("scalar ops", v -> v[0].mul(3f).add(-2f), r(12, 5));
    }

    @Test
    @DisplayName("of every differentiable unary op")
    void unary() {
      GradientCheck.check("neg", v -> v[0].neg(), r(20, 7));
      GradientCheck.check("exp", v -> v[0].exp(), r(21, 7));
      GradientCheck.check("log", v -> v[0].log(), positive(22, 7));
      GradientCheck.check("sqrt", v -> v[0].sqrt(), positive(23, 7));
      GradientCheck.check("square", v -> v[0].square(), r(24, 7));
      GradientCheck.check("abs", v -> v[0].abs(), away(25, 7));
      GradientCheck.check("tanh", v -> v[0].tanh(), r(26, 7));
      GradientCheck.check("sigmoid", v -> v[0].sigmoid(), r(27, 7));
      GradientCheck.check("relu", v -> v[0].relu(), away(28, 7));
      GradientCheck.check("pow", v -> v[0].pow(3f), positive(29, 7));
    }

    @Test
    @DisplayName("of matmul, reductions, reshape and transpose")
    void structure() {
      GradientCheck.check("matmul", v -> v[0].matmul(v[1]), r(30, 4, 3), r(31, 3, 5));
      GradientCheck.check("sum", v -> v[0].sum(), r(32, 3, 4));
      GradientCheck.check("mean", v -> v[0].mean(), r(33, 3, 4));
      GradientCheck.check("sum axis 0", v -> v[0].sum(0, false), r(34, 3, 4));
      GradientCheck.check("mean axis 1 kept", v -> v[0].mean(1, true), r(35, 3, 4));
      GradientCheck.check("reshape", v -> v[0].reshape(Shape.of(6, 2)), r(36, 3, 4));
      GradientCheck.check("transpose", v -> v[0].transpose(), r(37, 3, 4));
    }

    @Test
    @DisplayName("of the fused linear op, with and without bias")
    void linear() {
      GradientCheck.check("linear", v -> Variable.linear(v[0], v[1], v[2]),
          r(40, 5, 4), r(41, 3, 4), r(42, 3));
      GradientCheck.check("linear without bias", v -> Variable.linear(v[0], v[1], null),
          r(43, 5, 4), r(44, 3, 4));
    }

    @Test
    @DisplayName("of the three losses")
    void losses() {
      Tensor onehot = Tensor.oneHot(new int[] {1, 0, 2, 2}, 3);
      GradientCheck.check("softmax cross-entropy",
          v -> Loss.softmaxCrossEntropy().apply(v[0], onehot), r(50, 4, 3));
      Tensor regression = r(51, 4, 2);
      GradientCheck.check("mse", v -> Loss.meanSquaredError().apply(v[0], regression),
          r(52, 4, 2));
      Tensor binary = t(new float[] {0, 1, 1, 0, 1}, 5, 1);
      GradientCheck.check("binary cross-entropy",
          v -> Loss.binaryCrossEntropy().apply(v[0], binary), r(53, 5, 1));
    }

    @Test
    @DisplayName("of a variable used twice (gradients add up)")
    void reuse() {
      GradientCheck.check("x*x + x", v -> v[0].mul(v[0]).add(v[0]), r(60, 6));
      GradientCheck.check("diamond", v -> {
        Variable h = v[0].tanh();
        return h.mul(h.sigmoid()).add(h);
      }, r(61, 2, 3));
    }

    @Test
    @DisplayName("of the layers: Linear, activations, BatchNorm1d in both modes, Sequential")
    void layers() {
      Rng rng = Rng.seeded(70);
      Linear linear = new Linear(4, 3, rng);
      GradientCheck.check("Linear", v -> linear.forward(v[0]), r(71, 5, 4));
      GradientCheck.check("Tanh", v -> new Tanh().forward(v[0]), r(72, 5));
      GradientCheck.check("Sigmoid", v -> new Sigmoid().forward(v[0]), r(73, 5));
      GradientCheck.check("ReLU", v -> new ReLU().forward(v[0]), away(74, 5));
      BatchNorm1d bn = new BatchNorm1d(3);
      GradientCheck.check("BatchNorm1d training", v -> bn.forward(v[0]), r(75, 6, 3));
      bn.eval();
      GradientCheck.check("BatchNorm1d eval", v -> bn.forward(v[0]), r(76, 6, 3));
      Sequential net = new Sequential(new Linear(4, 6, rng), new Tanh(), new Linear(6, 2, rng));
      GradientCheck.check("Sequential", v -> net.forward(v[0]), r(77, 3, 4));
    }

    @Test
    @DisplayName("of parameters: backward fills each parameter's grad like finite differences")
    void parameterGradients() {
      Rng rng = Rng.seeded(80);
      Linear layer = new Linear(3, 2, rng);
      Tensor x = r(81, 4, 3);
      Tensor w = layer.weight().value();
      GradientCheck.check("weight", v -> Variable.linear(Variable.constant(x), v[0], layer.bias()),
          w);
    }

    @Test
    @DisplayName("of dropout: the gradient is the mask the forward pass used")
    void dropout() {
      Dropout d = new Dropout(0.5, Rng.seeded(90));
      Variable x = new Variable(t(awayFromZero(91, 64, 0.3f), 64), true);
      Variable out = d.forward(x);
      out.sum().backward();
      float[] o = out.value().toArray();
      float[] xin = x.value().toArray();
      float[] g = x.grad().toArray();
      int dropped = 0;
      for (int i = 0; i < o.length; i++) {
        assertThat(g[i]).isEqualTo(o[i] / xin[i], org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(g[i]).isIn(0f, 2f);
        if (g[i] == 0f) {
          dropped++;
        }
      }
      assertThat(dropped).isBetween(16, 48);
    }

    @Test
    @DisplayName("accumulate across backward passes until zeroed")
    void accumulation() {
      Parameter p = new Parameter(t(new float[] {1, 2}, 2));
      p.mul(3f).sum().backward();
      p.mul(3f).sum().backward();
      assertThat(p.grad().toArray()).containsExactly(6, 6);
      p.zeroGrad();
      assertThat(p.grad().toArray()).containsExactly(0, 0);
    }
  }

  // ================================================================ modes

  @Nested
  @DisplayName("Training and evaluation modes")
  class Modes {

    @Test
    @DisplayName("dropout is the identity in eval mode and drops in train mode")
    void dropout() {
      Dropout d = new Dropout(0.5, Rng.seeded(1));
      Tensor x = Tensor.ones(Shape.of(8, 16));
      d.eval();
      assertThat(d.forward(x).value().toArray()).containsOnly(1f);
      d.train();
      float[] trained = d.forward(x).value().toArray();
      assertThat(trained).contains(0f, 2f);
    }

    @Test
    @DisplayName("batch norm uses running statistics in eval mode, so a row's output ignores its batch")
    void batchNorm() {
      BatchNorm1d bn = new BatchNorm1d(2);
      bn.forward(t(new float[] {1, 10, 3, 14, 5, 18}, 3, 2));
      Approx.ELEMENTWISE.assertClose("running mean", new double[] {0.3, 1.4},
          bn.runningMean().toArray());
      bn.eval();
      float[] alone = bn.forward(t(new float[] {2, 12}, 1, 2)).value().toArray();
      float[] inBatch = bn.forward(t(new float[] {2, 12, 100, -100}, 2, 2)).value().toArray();
      assertThat(inBatch[0]).isEqualTo(alone[0]);
      assertThat(inBatch[1]).isEqualTo(alone[1]);
      Approx.ELEMENTWISE.assertClose("running mean after eval", new double[] {0.3, 1.4},
          bn.runningMean().toArray());
    }

    @Test
    @DisplayName("evaluating under noGrad records nothing and leaves every parameter bit-identical")
    void noGrad() {
      Sequential net = new Sequential(new Linear(3, 4, Rng.seeded(2)), new BatchNorm1d(4),
          new ReLU(), new Dropout(0.3, Rng.seeded(3)), new Linear(4, 2, Rng.seeded(4)));
      Map<String, float[]> before = net.stateDict();
      net.eval();
      try (GradMode.Guard off = GradMode.noGrad()) {
        Variable out = net.forward(t(random(5, 15, -1, 1), 5, 3));
        assertThat(out.requiresGrad()).isFalse();
        assertThatThrownBy(() -> out.sum().backward()).isInstanceOf(IllegalStateException.class);
      }
      Map<String, float[]> after = net.stateDict();
      assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
      before.forEach((name, v) -> assertThat(after.get(name)).as(name).containsExactly(v));
    }
  }

  // ================================================================ memory

  @Nested
  @DisplayName("Memory scopes")
  class Memory {

    @Test
    @DisplayName("closing a scope closes every tensor made in it, results of operations included")
    void scopeClosesTensors() {
      List<Tensor> made = new ArrayList<>();
      Scope inner = Scope.open();
      Tensor a = Tensor.ones(Shape.of(3, 3));
      made.add(a);
      made.add(a.add(a));
      made.add(a.matmul(a));
      made.add(a.sum(0, false));
      assertThat(inner.openTensorCount()).isGreaterThanOrEqualTo(4);
      inner.close();
      assertThat(made).allMatch(Tensor::isClosed);
      assertThat(inner.openTensorCount()).isZero();
    }

    @Test
    @DisplayName("a closed tensor cannot be used, and the error says it is closed")
    void useAfterClose() {
      Tensor a;
      try (Scope inner = Scope.open()) {
        a = Tensor.ones(Shape.of(2));
      }
      Tensor b = Tensor.ones(Shape.of(2));
      assertThatThrownBy(a::toArray)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> b.add(a))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    @DisplayName("tensors made in a closed scope are rejected; no tensor can be made without a scope")
    void closedScope() {
      Scope inner = Scope.open();
      inner.close();
      assertThatThrownBy(inner::activate).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    @DisplayName("a tensor moved to an outer scope outlives the inner one")
    void moveTo() {
      Tensor kept;
      try (Scope inner = Scope.open()) {
        kept = Tensor.ones(Shape.of(2)).add(1f).moveTo(scope);
      }
      assertThat(kept.toArray()).containsExactly(2, 2);
    }

    @Test
    @DisplayName("many iterations in short scopes leave nothing open in the long-lived one")
    void iterationScopes() {
      Sequential net = new Sequential(new Linear(8, 16, Rng.seeded(1)), new ReLU(),
          new Linear(16, 3, Rng.seeded(2)));
      Optimizer opt = Adam.adam(net.parameters()).build();
      int before = -1;
      for (int i = 0; i < 50; i++) {
        try (Scope step = Scope.open()) {
          opt.zeroGrad();
          Variable loss = Loss.softmaxCrossEntropy().apply(
              net.forward(t(random(i, 32, -1, 1), 4, 8)), Tensor.oneHot(new int[] {0, 1, 2, 0}, 3));
          loss.backward();
          opt.step();
        }
        if (i == 1) {
          before = scope.openTensorCount();
        }
      }
      assertThat(scope.openTensorCount()).isEqualTo(before);
    }
  }

  // ================================================================ errors

  @Nested
  @DisplayName("Bad input gets a clear error")
  class Errors {

    @Test
    @DisplayName("negative and empty dimensions are rejected (so is an empty batch)")
    void badShapes() {
      assertThatThrownBy(() -> Shape.of(2, -3))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
      assertThatThrownBy(() -> Shape.of(0, 784))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
      assertThatThrownBy(() -> Tensor.oneHot(new int[0], 3))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty batch");
    }

    @Test
    @DisplayName("a value array of the wrong length names the shape and both counts")
    void wrongLength() {
      assertThatThrownBy(() -> Tensor.of(Shape.of(2, 3), 1, 2, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[2, 3]").hasMessageContaining("6").hasMessageContaining("3");
    }

    @Test
    @DisplayName("tensors of two backends do not mix")
    void foreign() {
      Tensor mine = Tensor.ones(Shape.of(2));
      Tensor theirs;
      try (Scope other = Scope.open(ForeignBackend.INSTANCE)) {
        theirs = Tensor.ones(Shape.of(2)).moveTo(other);
        assertThatThrownBy(() -> mine.add(theirs))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("different backends")
            .hasMessageContaining(backend().name())
            .hasMessageContaining("foreign");
      }
    }

    @Test
    @DisplayName("a layer given the wrong input width names the layer and both shapes")
    void layerShape() {
      Sequential net = new Sequential(new Linear(4, 3, Rng.seeded(1)), new ReLU(),
          new Linear(5, 2, Rng.seeded(2)));
      assertThatThrownBy(() -> net.forward(Tensor.zeros(Shape.of(2, 4))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer 2")
          .hasMessageContaining("Linear(5 -> 2)")
          .hasMessageContaining("[2, 3]");
    }

    @Test
    @DisplayName("NaN or negative hyper-parameters are rejected by name")
    void hyperParameters() {
      Linear l = new Linear(2, 2, Rng.seeded(1));
      assertThatThrownBy(() -> Sgd.builder(l.parameters()).learningRate(Double.NaN).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learning rate");
      assertThatThrownBy(() -> Sgd.builder(l.parameters()).momentum(-0.5).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
      assertThatThrownBy(() -> new Dropout(Double.NaN, Rng.seeded(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dropout");
      assertThatThrownBy(() -> new Linear(-1, 2, Rng.seeded(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linear");
    }

    @Test
    @DisplayName("backward from a non-scalar asks for a reduction")
    void backwardNeedsScalar() {
      Variable x = new Variable(Tensor.ones(Shape.of(3)), true);
      assertThatThrownBy(() -> x.mul(2f).backward())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("sum()");
    }
  }

  // ================================================================ determinism

  @Nested
  @DisplayName("Repeatability")
  class Repeatability {

    float[] train(Backend backend, long seed, int steps) {
      try (Scope model = Scope.open(backend)) {
        Rng rng = Rng.seeded(seed);
        Sequential net = new Sequential(new Linear(10, 32, rng.split("init")), new ReLU(),
            new Dropout(0.2, rng.split("dropout")), new Linear(32, 4, rng.split("init2")));
        Optimizer opt = Sgd.builder(net.parameters()).learningRate(0.1).momentum(0.9).build();
        Rng data = rng.split("data");
        for (int i = 0; i < steps; i++) {
          try (Scope step = Scope.open()) {
            float[] x = new float[16 * 10];
            for (int j = 0; j < x.length; j++) {
              x[j] = data.uniform(-1, 1);
            }
            int[] labels = new int[16];
            for (int j = 0; j < labels.length; j++) {
              labels[j] = data.nextInt(4);
            }
            opt.zeroGrad();
            Loss.softmaxCrossEntropy()
                .apply(net.forward(Tensor.of(Shape.of(16, 10), x)), Tensor.oneHot(labels, 4))
                .backward();
            opt.step();
          }
        }
        List<float[]> parts = new ArrayList<>(net.stateDict().values());
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int off = 0;
        for (float[] p : parts) {
          System.arraycopy(p, 0, all, off, p.length);
          off += p.length;
        }
        return all;
      }
    }

    @Test
    @DisplayName("the same seed gives bit-identical weights after training, twice")
    void sameSeed() {
      float[] first = train(backend(), 42, 10);
      float[] second = train(backend(), 42, 10);
      assertThat(second).containsExactly(first);
      assertThat(train(backend(), 43, 10)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("results do not depend on what recycled memory held before: NaN garbage changes nothing")
    void garbageIndependent() {
      float[] clean = train(backend(), 42, 6);
      for (int round = 0; round < 3; round++) {
        try (Scope garbage = Scope.open()) {
          for (int[] dims : new int[][] {{16, 10}, {16, 32}, {32, 10}, {16, 4}, {32}, {4}, {10, 32},
              {32, 4}, {4, 32}, {16}, {1, 32}, {1, 4}, {16, 1}, {}}) {
            for (int copies = 0; copies < 4; copies++) {
              Tensor.full(Shape.of(dims), Float.NaN);
            }
          }
        }
      }
      assertThat(train(backend(), 42, 6)).containsExactly(clean);
    }

    @Test
    @DisplayName("a few training steps agree with the reference backend")
    void matchesReference() {
      Backend ref = reference();
      org.junit.jupiter.api.Assumptions.assumeTrue(ref != null,
          "this backend names no reference backend");
      float[] mine = train(backend(), 7, 5);
      float[] theirs = train(ref, 7, 5);
      referenceTolerance().assertClose("weights after 5 steps vs " + ref.name(),
          theirs, mine);
    }

    @Test
    @DisplayName("two epochs of training agree with the reference tensor by tensor: every activation, loss, gradient and updated weight of every step")
    void stepByStepWithReference() {
      Backend ref = reference();
      org.junit.jupiter.api.Assumptions.assumeTrue(ref != null,
          "this backend names no reference backend");
      Split digits = Split.random(EmbeddedDatasets.digits(), 0.2, 0, Rng.seeded(5)).standardized();
      Batching batching = Batching.shuffled(32);
      List<Batch> batches = new ArrayList<>(batching.epoch(digits.train(), Rng.seeded(1)));
      batches.addAll(batching.epoch(digits.train(), Rng.seeded(2)));
      java.util.function.Function<Rng, Module> mlp = rng -> new Sequential(
          new Linear(64, 48, rng), new ReLU(), new Dropout(0.1, rng), new Linear(48, 10, rng));
      StepComparison.of(mlp,
              m -> Sgd.builder(m.parameters()).learningRate(0.05).momentum(0.9).build(),
              Loss.softmaxCrossEntropy())
          .assertSame(backend(), ref, batches);
      StepComparison.of(mlp, m -> Adam.adam(m.parameters()).learningRate(0.002).build(),
              Loss.softmaxCrossEntropy())
          .assertSame(backend(), ref, batches);
    }
  }
}
