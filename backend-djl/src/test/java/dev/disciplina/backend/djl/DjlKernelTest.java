package dev.disciplina.backend.djl;

import static dev.disciplina.backend.djl.Ref.close;
import static dev.disciplina.backend.djl.Ref.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import dev.disciplina.tck.Reference;
import java.util.Arrays;
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
 * Every primitive of the djl backend against a plain-Java double reference.
 *
 * <p>Tolerances: operations IEEE rounds correctly in float32 (add, sub, mul, div, sqrt, min,
 * max, neg, abs) within 1e-6 relative; transcendental functions (PyTorch's vectorised SLEEF
 * kernels) within 1e-5 relative + 1e-6 absolute; sums and products within 1e-5 relative of the
 * sum of absolute terms.
 */
@DisplayName("The djl backend's kernels")
class DjlKernelTest {

  private static final double EXACT = 1e-6;
  private static final double TRANSCENDENTAL = 1e-5;

  private final DjlBackend backend = Ref.backend();
  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open(backend);
  }

  @AfterEach
  void closeScope() {
    scope.close();
  }

  @Nested
  @DisplayName("creation and copy-out")
  class Creation {

    @Test
    @DisplayName("fromArray copies values from an offset, and later changes to the array do not show")
    void fromArrayCopies() {
      float[] data = {9, 1, 2, 3, 4, 5, 6};
      Tensor t = Tensor.of(Shape.of(2, 3), data, 1);
      data[1] = 100;
      assertThat(t.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    @DisplayName("fromArray handles a scalar, a vector and rank 4")
    void fromArrayRanks() {
      assertThat(Tensor.of(Shape.scalar(), 7f).item()).isEqualTo(7f);
      assertThat(Tensor.of(Shape.of(3), 1, 2, 3).toArray()).containsExactly(1, 2, 3);
      float[] v = random(1, 2 * 3 * 4 * 5, -1, 1);
      assertThat(Tensor.of(Shape.of(2, 3, 4, 5), v).toArray()).containsExactly(v);
    }

    @Test
    @DisplayName("fromArray of more values than the staging buffer holds goes through in chunks")
    void fromArrayLarge() {
      int n = (Staging.MAX_BYTES / Float.BYTES * 2 + 12_345) * 5;
      float[] v = random(2, n + 3, -1, 1);
      Tensor t = Tensor.of(Shape.of(n / 5, 5), v, 3);
      float[] back = t.toArray();
      assertThat(back.length).isEqualTo(n);
      assertThat(Arrays.equals(back, 0, n, v, 3, n + 3)).as("values equal").isTrue();
    }

    @Test
    @DisplayName("full fills every value, including rank 0")
    void full() {
      assertThat(Tensor.full(Shape.of(2, 2), 2.5f).toArray()).containsExactly(2.5f, 2.5f, 2.5f, 2.5f);
      assertThat(Tensor.full(Shape.scalar(), -3f).item()).isEqualTo(-3f);
      assertThat(Tensor.zeros(Shape.of(3)).toArray()).containsExactly(0, 0, 0);
    }

    @Test
    @DisplayName("copyTo writes row-major values at an offset")
    void copyToOffset() {
      Tensor t = Tensor.of(Shape.of(2, 2), 1, 2, 3, 4);
      float[] dest = new float[6];
      backend.copyTo(t, dest, 2);
      assertThat(dest).containsExactly(0, 0, 1, 2, 3, 4);
    }

    @Test
    @DisplayName("oneHot puts a 1 at each label")
    void oneHot() {
      Tensor t = Tensor.oneHot(new int[] {2, 0, 1}, 3);
      assertThat(t.toArray()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
    }
  }

  @Nested
  @DisplayName("elementwise")
  class Elementwise {

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    @DisplayName("every unary op matches its double reference")
    void unary(UnaryOp op) {
      boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
      float[] v = random(op.ordinal(), 7 * 13, positive ? 0.01 : -4, 4);
      if (!positive) {
        v[0] = 0f;
        v[1] = -0f;
        v[2] = 1e-30f;
      }
      if (op == UnaryOp.RECIPROCAL) {
        v[0] = 0.5f;
        v[1] = -0.25f;
      }
      DoubleUnaryOperator f =
          switch (op) {
            case NEG -> x -> -x;
            case ABS -> Math::abs;
            case SIGN -> Math::signum;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case SQUARE -> x -> x * x;
            case RECIPROCAL -> x -> 1 / x;
            case TANH -> Math::tanh;
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case RELU -> x -> Math.max(x, 0);
            case STEP -> x -> x > 0 ? 1 : 0;
          };
      double[] expected = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        expected[i] = (float) f.applyAsDouble(v[i]);
      }
      boolean transcendental =
          op == UnaryOp.EXP || op == UnaryOp.LOG || op == UnaryOp.TANH || op == UnaryOp.SIGMOID;
      Tensor x = Tensor.of(Shape.of(7, 13), v);
      Tensor y = x.apply(op);
      close(y.toArray(), expected, transcendental ? TRANSCENDENTAL : EXACT,
          transcendental ? 1e-6 : 0, op.name());
      assertThat(x.toArray()).as("operand unchanged").containsExactly(v);
    }

    @Test
    @DisplayName("unary ops accept a scalar tensor")
    void unaryScalar() {
      assertThat(Tensor.scalar(-2f).apply(UnaryOp.ABS).item()).isEqualTo(2f);
      assertThat(Tensor.scalar(3f).apply(UnaryOp.STEP).item()).isEqualTo(1f);
    }

    static DoubleBinaryOperator binaryRef(BinaryOp op) {
      return switch (op) {
        case ADD -> Double::sum;
        case SUB -> (a, b) -> a - b;
        case MUL -> (a, b) -> a * b;
        case DIV -> (a, b) -> a / b;
        case MAX -> Math::max;
        case MIN -> Math::min;
      };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    @DisplayName("every binary op broadcasts by NumPy's rules, either operand")
    void binary(BinaryOp op) {
      Shape[][] cases = {
        {Shape.of(4, 5), Shape.of(4, 5)},
        {Shape.of(4, 5), Shape.of(5)},
        {Shape.of(4, 1), Shape.of(1, 5)},
        {Shape.of(1), Shape.of(3, 4)},
        {Shape.scalar(), Shape.of(2, 3)},
        {Shape.of(2, 1, 3), Shape.of(4, 1)},
        {Shape.of(3, 4), Shape.scalar()},
      };
      for (Shape[] c : cases) {
        float[] a = random(11, c[0].size(), -3, 3);
        float[] b = random(12, c[1].size(), 0.5, 3);
        Shape out = Shape.broadcast(op.name(), c[0], c[1]);
        double[] expected = new double[out.size()];
        for (int i = 0; i < out.size(); i++) {
          expected[i] = (float) binaryRef(op).applyAsDouble(
              a[Ref.broadcastIndex(c[0], out, i)], b[Ref.broadcastIndex(c[1], out, i)]);
        }
        Tensor ta = Tensor.of(c[0], a);
        Tensor tb = Tensor.of(c[1], b);
        Tensor r = ta.apply(op, tb);
        assertThat(r.shape()).isEqualTo(out);
        close(r.toArray(), expected, EXACT, 0, op + " " + c[0] + " " + c[1]);
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ScalarOp.class)
    @DisplayName("every scalar op matches its double reference")
    void scalar(ScalarOp op) {
      float[] v = random(21, 3 * 7, 0.1, 3);
      v[0] = 1f;
      for (float s : new float[] {2f, 0.5f, -1.5f, 0f}) {
        if (op == ScalarOp.RDIV && s == 0f) {
          continue;
        }
        DoubleUnaryOperator f =
            switch (op) {
              case ADD -> x -> x + s;
              case MUL -> x -> x * s;
              case RSUB -> x -> s - x;
              case RDIV -> x -> s / x;
              case POW -> x -> Math.pow(x, s);
              case MAX -> x -> Math.max(x, s);
              case MIN -> x -> Math.min(x, s);
            };
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          expected[i] = (float) f.applyAsDouble(v[i]);
        }
        Tensor r = Tensor.of(Shape.of(3, 7), v).apply(op, s);
        close(r.toArray(), expected, op == ScalarOp.POW ? TRANSCENDENTAL : EXACT, 0,
            op + " " + s);
      }
    }
  }

  @Nested
  @DisplayName("matmul and shapes")
  class Shapes {

    @Test
    @DisplayName("matmul matches a double reference for every combination of transpose flags")
    void matmul() {
      int m = 17;
      int k = 33;
      int n = 9;
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
          Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
          float[] a = random(31, sa.size(), -1, 1);
          float[] b = random(32, sb.size(), -1, 1);
          Tensor r = Tensor.of(sa, a).matmul(ta, Tensor.of(sb, b), tb);
          assertThat(r.shape()).isEqualTo(Shape.of(m, n));
          // Rounding of a float32 dot product of k terms in [-1, 1]: k * 2^-24 * 2 relative-ish.
          close(r.toArray(), Reference.matmul(a, sa, ta, b, sb, tb), 1e-5, k * 1.2e-7,
              "matmul " + ta + " " + tb);
        }
      }
    }

    @Test
    @DisplayName("matmul of a 1-row or 1-column matrix works with the transpose flags")
    void matmulThin() {
      float[] a = random(33, 5, -1, 1);
      float[] b = random(34, 5, -1, 1);
      Tensor row = Tensor.of(Shape.of(1, 5), a);
      Tensor col = Tensor.of(Shape.of(5, 1), b);
      close(row.matmul(false, col, false).toArray(),
          Reference.matmul(a, Shape.of(1, 5), false, b, Shape.of(5, 1), false), 1e-6, 1e-6, "dot");
      close(row.matmul(true, row, false).toArray(),
          Reference.matmul(a, Shape.of(1, 5), true, a, Shape.of(1, 5), false), 1e-6, 1e-6, "outer");
    }

    @Test
    @DisplayName("transpose materialises, including one-row and one-column matrices")
    void transpose() {
      Tensor x = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
      Tensor t = x.transpose();
      assertThat(t.shape()).isEqualTo(Shape.of(3, 2));
      assertThat(t.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
      Tensor row = Tensor.of(Shape.of(1, 3), 1, 2, 3);
      Tensor col = row.transpose();
      assertThat(col.toArray()).containsExactly(1, 2, 3);
      col.fill(0f);
      assertThat(row.toArray()).as("no shared storage").containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("reshape copies: changing the result leaves the source alone, and vice versa")
    void reshapeCopies() {
      Tensor x = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
      Tensor r = x.reshape(Shape.of(3, 2));
      assertThat(r.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      r.fill(9f);
      assertThat(x.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      x.axpby(0f, x, 1f);
      assertThat(r.toArray()).containsOnly(9f);
      x.close();
      assertThat(r.toArray()).containsOnly(9f);
      assertThat(Tensor.of(Shape.of(1), 5f).reshape(Shape.scalar()).item()).isEqualTo(5f);
    }

    @Test
    @DisplayName("broadcastTo copies a tensor to a larger shape, leading dimensions included")
    void broadcastTo() {
      Tensor x = Tensor.of(Shape.of(3, 1), 1, 2, 3);
      assertThat(x.broadcastTo(Shape.of(2, 3, 2)).toArray())
          .containsExactly(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
      Tensor same = x.broadcastTo(Shape.of(3, 1));
      same.fill(0f);
      assertThat(x.toArray()).containsExactly(1, 2, 3);
      assertThat(Tensor.scalar(4f).broadcastTo(Shape.of(2)).toArray()).containsExactly(4, 4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReduceOp.class)
    @DisplayName("every reduction matches its reference along each axis of a rank-3 tensor")
    void reduce(ReduceOp op) {
      int[] dims = {3, 4, 5};
      Shape shape = Shape.of(dims);
      float[] v = random(41 + op.ordinal(), shape.size(), -2, 2);
      v[7] = v[8]; // a tie for argmax: the first wins
      Tensor x = Tensor.of(shape, v);
      for (int axis = 0; axis < 3; axis++) {
        Shape out = shape.with(axis, 1);
        double[] expected = new double[out.size()];
        double[] scale = new double[out.size()];
        int stride = 1;
        for (int d = axis + 1; d < 3; d++) {
          stride *= dims[d];
        }
        for (int o = 0; o < out.size(); o++) {
          int outer = o / stride;
          int inner = o % stride;
          double acc = op == ReduceOp.MAX || op == ReduceOp.ARGMAX ? Double.NEGATIVE_INFINITY
              : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0;
          int best = -1;
          for (int j = 0; j < dims[axis]; j++) {
            double e = v[(outer * dims[axis] + j) * stride + inner];
            scale[o] += Math.abs(e);
            switch (op) {
              case SUM, MEAN -> acc += e;
              case MAX -> acc = Math.max(acc, e);
              case MIN -> acc = Math.min(acc, e);
              case ARGMAX -> {
                if (e > acc) {
                  acc = e;
                  best = j;
                }
              }
            }
          }
          expected[o] = op == ReduceOp.MEAN ? acc / dims[axis] : op == ReduceOp.ARGMAX ? best : acc;
        }
        Tensor r = x.reduce(op, axis, true);
        assertThat(r.shape()).isEqualTo(out);
        close(r.toArray(), expected, 1e-6, 1e-6 * dims[axis], op + " axis " + axis);
        assertThat(x.reduce(op, axis, false).shape()).isEqualTo(shape.without(axis));
      }
    }

    @Test
    @DisplayName("argmax returns the first index on ties")
    void argmaxTies() {
      Tensor x = Tensor.of(Shape.of(2, 4), 1, 3, 3, 0, 5, 5, 5, 5);
      assertThat(x.argmax(1).toArray()).containsExactly(1, 0);
    }

    @Test
    @DisplayName("sum and mean of all elements reduce to a scalar")
    void reduceAll() {
      Tensor x = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
      assertThat(x.sum().item()).isEqualTo(21f);
      assertThat(x.mean().item()).isEqualTo(3.5f);
    }

    @Test
    @DisplayName("gatherRows picks rows in order, with repeats, for ranks 1 to 3")
    void gatherRows() {
      Tensor m = Tensor.of(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
      assertThat(m.gatherRows(new int[] {2, 0, 2}).toArray()).containsExactly(5, 6, 1, 2, 5, 6);
      Tensor v = Tensor.of(Shape.of(4), 10, 11, 12, 13);
      assertThat(v.gatherRows(new int[] {3, 1}).toArray()).containsExactly(13, 11);
      float[] cube = random(51, 4 * 2 * 3, -1, 1);
      Tensor c = Tensor.of(Shape.of(4, 2, 3), cube);
      Tensor g = c.gatherRows(new int[] {1, 3});
      assertThat(g.shape()).isEqualTo(Shape.of(2, 2, 3));
      float[] expected = new float[12];
      System.arraycopy(cube, 6, expected, 0, 6);
      System.arraycopy(cube, 18, expected, 6, 6);
      assertThat(g.toArray()).containsExactly(expected);
      g.fill(0f);
      assertThat(c.toArray()).containsExactly(cube);
    }
  }

  @Nested
  @DisplayName("in-place updates")
  class InPlace {

    @Test
    @DisplayName("assign copies values in place, for rank 0 to 3")
    void assign() {
      Tensor t = Tensor.zeros(Shape.of(2, 2));
      Tensor s = Tensor.of(Shape.of(2, 2), 1, 2, 3, 4);
      t.assign(s);
      assertThat(t.toArray()).containsExactly(1, 2, 3, 4);
      s.fill(0f);
      assertThat(t.toArray()).containsExactly(1, 2, 3, 4);
      Tensor a = Tensor.scalar(1f);
      a.assign(Tensor.scalar(8f));
      assertThat(a.item()).isEqualTo(8f);
      Tensor v = Tensor.zeros(Shape.of(2, 1, 3));
      v.assign(Tensor.of(Shape.of(2, 1, 3), 1, 2, 3, 4, 5, 6));
      assertThat(v.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    @DisplayName("axpby computes alpha * target + beta * source for the special and general cases")
    void axpby() {
      float[] t0 = random(61, 12, -2, 2);
      float[] s0 = random(62, 12, -2, 2);
      float[][] coefficients = {{1, 1}, {1, -1}, {1, 0.25f}, {0.9f, 1}, {0.9f, 0.1f}, {0, 2}, {1, 0}};
      for (float[] ab : coefficients) {
        Tensor t = Tensor.of(Shape.of(3, 4), t0);
        Tensor s = Tensor.of(Shape.of(3, 4), s0);
        t.axpby(ab[0], s, ab[1]);
        double[] expected = new double[12];
        for (int i = 0; i < 12; i++) {
          expected[i] = (double) ab[0] * t0[i] + (double) ab[1] * s0[i];
        }
        close(t.toArray(), expected, 1e-6, 1e-7, "axpby " + ab[0] + ", " + ab[1]);
        assertThat(s.toArray()).containsExactly(s0);
      }
      for (float[] ab : coefficients) {
        Tensor self = Tensor.of(Shape.of(2), 1, -2);
        self.axpby(ab[0], self, ab[1]);
        assertThat(self.toArray()).as("target is its own source: " + ab[0] + ", " + ab[1])
            .containsExactly(ab[0] + ab[1], ab[0] * -2 + ab[1] * -2);
      }
    }

    @Test
    @DisplayName("fill overwrites every value, including a scalar")
    void fill() {
      Tensor t = Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
      t.fill(-1f);
      assertThat(t.toArray()).containsOnly(-1f);
      Tensor s = Tensor.scalar(3f);
      s.fill(Float.NaN);
      assertThat(s.item()).isNaN();
    }
  }
}
