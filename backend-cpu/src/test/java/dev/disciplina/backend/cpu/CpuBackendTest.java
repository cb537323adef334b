package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The cpu backend's primitives")
class CpuBackendTest {

  static final CpuBackend BACKEND = new CpuBackend(2);

  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open(BACKEND);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  static Tensor t(float[] values, int... dims) {
    return Tensor.of(Shape.of(dims), values);
  }

  @Nested
  @DisplayName("creation and copy-out")
  class Creation {

    @Test
    @DisplayName("fromArray copies values from an offset and later changes to the array do not leak in")
    void fromArray() {
      float[] src = {9, 1, 2, 3, 4};
      Tensor x = Tensor.of(Shape.of(2, 2), src, 1);
      src[1] = 100;
      assertThat(x.toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    @DisplayName("full fills every value, and a scalar holds one")
    void full() {
      assertThat(Tensor.full(Shape.of(3, 5), 2.5f).toArray()).hasSize(15).containsOnly(2.5f);
      assertThat(Tensor.scalar(7f).item()).isEqualTo(7f);
    }

    @Test
    @DisplayName("copyTo writes all values from the given offset")
    void copyTo() {
      float[] dest = new float[6];
      t(new float[] {1, 2, 3, 4}, 2, 2).copyTo(dest, 2);
      assertThat(dest).containsExactly(0, 0, 1, 2, 3, 4);
    }

    @Test
    @DisplayName("oneHot puts a single 1 in each row at the label, even in a reused buffer")
    void oneHot() {
      try (Scope inner = Scope.open()) {
        Tensor.full(Shape.of(3, 4), 9f);
      }
      assertThat(Tensor.oneHot(new int[] {2, 0, 3}, 4).toArray())
          .containsExactly(0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    @DisplayName("description names the vector width and the thread count")
    void description() {
      assertThat(BACKEND.description()).startsWith("pure Java, Vector API ")
          .contains(" floats)").endsWith("2 threads");
      assertThat(new CpuBackend(1).description()).endsWith("1 thread");
    }
  }

  @Nested
  @DisplayName("unary operations")
  class Unary {

    final float[] x = {-2f, -0.5f, 0f, 0.5f, 3f};

    float[] apply(UnaryOp op) {
      return t(x, 5).apply(op).toArray();
    }

    @Test
    @DisplayName("exact operations give the exact values")
    void exact() {
      assertThat(apply(UnaryOp.NEG)).containsExactly(2f, 0.5f, -0f, -0.5f, -3f);
      assertThat(apply(UnaryOp.ABS)).containsExactly(2f, 0.5f, 0f, 0.5f, 3f);
      assertThat(apply(UnaryOp.SIGN)).containsExactly(-1f, -1f, 0f, 1f, 1f);
      assertThat(apply(UnaryOp.SQUARE)).containsExactly(4f, 0.25f, 0f, 0.25f, 9f);
      assertThat(apply(UnaryOp.RELU)).containsExactly(0f, 0f, 0f, 0.5f, 3f);
      assertThat(apply(UnaryOp.STEP)).containsExactly(0f, 0f, 0f, 1f, 1f);
      assertThat(t(new float[] {4f, 0.25f, 9f}, 3).sqrt().toArray()).containsExactly(2f, 0.5f, 3f);
      assertThat(t(new float[] {4f, -0.5f, 8f}, 3).reciprocal().toArray())
          .containsExactly(0.25f, -2f, 0.125f);
    }

    @Test
    @DisplayName("transcendental operations agree with double precision to a few ulp")
    void transcendental() {
      float[] e = apply(UnaryOp.EXP);
      float[] th = apply(UnaryOp.TANH);
      float[] sg = apply(UnaryOp.SIGMOID);
      for (int i = 0; i < x.length; i++) {
        assertThat(e[i]).isCloseTo((float) Math.exp(x[i]), within(3 * Math.ulp(e[i])));
        assertThat(th[i]).isCloseTo((float) Math.tanh(x[i]), within(3 * Math.ulp(1f)));
        assertThat(sg[i]).isCloseTo((float) (1 / (1 + Math.exp(-x[i]))), within(3 * Math.ulp(1f)));
      }
      float[] logs = t(new float[] {1f, 2f, 0.5f, 10f}, 4).log().toArray();
      assertThat(logs[0]).isEqualTo(0f);
      assertThat(logs[1]).isCloseTo((float) Math.log(2), within(2 * Math.ulp(1f)));
      assertThat(logs[2]).isCloseTo((float) Math.log(0.5), within(2 * Math.ulp(1f)));
      assertThat(logs[3]).isCloseTo((float) Math.log(10), within(2 * Math.ulp(2f)));
    }
  }

  @Nested
  @DisplayName("binary and scalar operations")
  class BinaryAndScalar {

    @Test
    @DisplayName("same-shape operations apply elementwise")
    void sameShape() {
      Tensor a = t(new float[] {1, 2, 3, 4}, 2, 2);
      Tensor b = t(new float[] {4, 3, 2, 1}, 2, 2);
      assertThat(a.add(b).toArray()).containsExactly(5, 5, 5, 5);
      assertThat(a.sub(b).toArray()).containsExactly(-3, -1, 1, 3);
      assertThat(a.mul(b).toArray()).containsExactly(4, 6, 6, 4);
      assertThat(a.div(b).toArray()).containsExactly(0.25f, 2f / 3f, 1.5f, 4f);
      assertThat(a.maximum(b).toArray()).containsExactly(4, 3, 3, 4);
      assertThat(a.minimum(b).toArray()).containsExactly(1, 2, 2, 1);
    }

    @Test
    @DisplayName("a row vector, a column and a scalar broadcast against a matrix")
    void broadcasting() {
      Tensor m = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      assertThat(m.add(t(new float[] {10, 20, 30}, 3)).toArray())
          .containsExactly(11, 22, 33, 14, 25, 36);
      assertThat(m.add(t(new float[] {10, 20, 30}, 1, 3)).toArray())
          .containsExactly(11, 22, 33, 14, 25, 36);
      assertThat(m.sub(t(new float[] {1, 4}, 2, 1)).toArray())
          .containsExactly(0, 1, 2, 0, 1, 2);
      assertThat(t(new float[] {1, 4}, 2, 1).sub(m).toArray())
          .containsExactly(0, -1, -2, 0, -1, -2);
      assertThat(m.mul(Tensor.scalar(2f)).toArray()).containsExactly(2, 4, 6, 8, 10, 12);
      assertThat(Tensor.scalar(12f).div(m).toArray()).containsExactly(12, 6, 4, 3, 2.4f, 2);
    }

    @Test
    @DisplayName("a column against a row gives their outer combination")
    void outer() {
      Tensor col = t(new float[] {1, 2, 3}, 3, 1);
      Tensor row = t(new float[] {10, 20}, 1, 2);
      Tensor sum = col.add(row);
      assertThat(sum.shape()).isEqualTo(Shape.of(3, 2));
      assertThat(sum.toArray()).containsExactly(11, 21, 12, 22, 13, 23);
    }

    @Test
    @DisplayName("scalar operations cover add, multiply, reversed subtract and divide, power, max and min")
    void scalars() {
      Tensor x = t(new float[] {1, 2, 4}, 3);
      assertThat(x.add(1f).toArray()).containsExactly(2, 3, 5);
      assertThat(x.sub(1f).toArray()).containsExactly(0, 1, 3);
      assertThat(x.mul(3f).toArray()).containsExactly(3, 6, 12);
      assertThat(x.rsub(10f).toArray()).containsExactly(9, 8, 6);
      assertThat(x.rdiv(8f).toArray()).containsExactly(8, 4, 2);
      assertThat(x.pow(2f).toArray()).containsExactly(1, 4, 16);
      assertThat(x.pow(0.5f).toArray()).containsExactly(1f, (float) Math.sqrt(2), 2f);
      assertThat(x.pow(-1f).toArray()).containsExactly(1f, 0.5f, 0.25f);
      assertThat(x.clamp(1.5f, 3f).toArray()).containsExactly(1.5f, 2f, 3f);
    }
  }

  @Nested
  @DisplayName("shape operations")
  class Shapes {

    @Test
    @DisplayName("transpose swaps rows and columns, also for sizes beyond one block")
    void transpose() {
      assertThat(t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose().toArray())
          .containsExactly(1, 4, 2, 5, 3, 6);
      int r = 37;
      int c = 70;
      float[] v = new float[r * c];
      for (int i = 0; i < v.length; i++) {
        v[i] = i;
      }
      float[] tr = t(v, r, c).transpose().toArray();
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++) {
          assertThat(tr[j * r + i]).isEqualTo(v[i * c + j]);
        }
      }
    }

    @Test
    @DisplayName("reshape copies: the result is independent of its source")
    void reshape() {
      Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
      Tensor y = x.reshape(Shape.of(3, 2));
      x.fill(0f);
      assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
      assertThat(y.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    @DisplayName("broadcastTo repeats values and keeps negative zeros")
    void broadcastTo() {
      assertThat(t(new float[] {1, -0f}, 2).broadcastTo(Shape.of(2, 2)).toArray())
          .containsExactly(1f, -0f, 1f, -0f);
      assertThat(t(new float[] {1, 2}, 2, 1).broadcastTo(Shape.of(2, 3)).toArray())
          .containsExactly(1, 1, 1, 2, 2, 2);
      assertThat(t(new float[] {1, 2}, 2, 1, 1).broadcastTo(Shape.of(2, 2, 2)).toArray())
          .containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
      assertThat(Tensor.scalar(5f).broadcastTo(Shape.of(3)).toArray()).containsExactly(5, 5, 5);
    }

    @Test
    @DisplayName("gatherRows picks slices along axis 0 in order, with repeats")
    void gatherRows() {
      Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
      assertThat(x.gatherRows(new int[] {2, 0, 2}).toArray()).containsExactly(5, 6, 1, 2, 5, 6);
    }
  }

  @Nested
  @DisplayName("reductions")
  class Reductions {

    final Tensor x() {
      return t(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
    }

    @Test
    @DisplayName("along the last axis")
    void lastAxis() {
      assertThat(x().sum(1, false).toArray()).containsExactly(9, 12);
      assertThat(x().mean(1, true).toArray()).containsExactly(3, 4);
      assertThat(x().mean(1, true).shape()).isEqualTo(Shape.of(2, 1));
      assertThat(x().max(1, false).toArray()).containsExactly(5, 6);
      assertThat(x().min(1, false).toArray()).containsExactly(1, 2);
      assertThat(x().argmax(1).toArray()).containsExactly(1, 2);
    }

    @Test
    @DisplayName("along the first axis")
    void firstAxis() {
      assertThat(x().sum(0, false).toArray()).containsExactly(5, 7, 9);
      assertThat(x().mean(0, true).shape()).isEqualTo(Shape.of(1, 3));
      assertThat(x().mean(0, false).toArray()).containsExactly(2.5f, 3.5f, 4.5f);
      assertThat(x().max(0, false).toArray()).containsExactly(4, 5, 6);
      assertThat(x().min(0, false).toArray()).containsExactly(1, 2, 3);
      assertThat(x().argmax(0).toArray()).containsExactly(1, 0, 1);
    }

    @Test
    @DisplayName("along a middle axis of a rank-3 tensor, with vector-wide inner runs")
    void middleAxis() {
      int a = 2;
      int b = 3;
      int c = 37;
      float[] v = new float[a * b * c];
      for (int i = 0; i < v.length; i++) {
        v[i] = (i * 7919 % 101) - 50;
      }
      Tensor x = t(v, a, b, c);
      float[] sum = x.sum(1, false).toArray();
      float[] max = x.max(1, false).toArray();
      float[] arg = x.argmax(1).toArray();
      for (int i = 0; i < a; i++) {
        for (int k = 0; k < c; k++) {
          float s = 0;
          float m = Float.NEGATIVE_INFINITY;
          int best = 0;
          for (int j = 0; j < b; j++) {
            float e = v[(i * b + j) * c + k];
            s += e;
            if (e > m) {
              m = e;
              best = j;
            }
          }
          assertThat(sum[i * c + k]).isEqualTo(s);
          assertThat(max[i * c + k]).isEqualTo(m);
          assertThat(arg[i * c + k]).isEqualTo(best);
        }
      }
    }

    @Test
    @DisplayName("argmax takes the first of equal maxima, and NaN wins like in NumPy")
    void argmaxTies() {
      assertThat(t(new float[] {3, 1, 3}, 3).argmax(0).item()).isEqualTo(0f);
      assertThat(t(new float[] {1, Float.NaN, 3}, 3).argmax(0).item()).isEqualTo(1f);
      assertThat(t(new float[] {1, 3, 3, 1}, 2, 2).argmax(0).toArray()).containsExactly(1, 0);
      assertThat(t(new float[] {1, Float.NaN, 2, 5}, 2, 2).reduce(ReduceOp.ARGMAX, 0, false)
          .toArray()).containsExactly(1, 0);
    }

    @Test
    @DisplayName("long sums are accurate to float rounding")
    void longSum() {
      int n = 100_003;
      float[] v = new float[n];
      double expected = 0;
      for (int i = 0; i < n; i++) {
        v[i] = (float) Math.sin(i);
        expected += v[i];
      }
      assertThat((double) t(v, n).sum().item()).isCloseTo(expected, within(1e-2));
      assertThat((double) t(v, n).mean().item()).isCloseTo(expected / n, within(1e-7));
    }
  }

  @Nested
  @DisplayName("in-place updates")
  class InPlace {

    @Test
    @DisplayName("assign, axpby and fill overwrite the target only")
    void updates() {
      Tensor target = t(new float[] {1, 2, 3}, 3);
      Tensor source = t(new float[] {10, 20, 30}, 3);
      target.axpby(2f, source, 0.5f);
      assertThat(target.toArray()).containsExactly(7, 14, 21);
      assertThat(source.toArray()).containsExactly(10, 20, 30);
      target.assign(source);
      assertThat(target.toArray()).containsExactly(10, 20, 30);
      target.fill(-1f);
      assertThat(target.toArray()).containsExactly(-1, -1, -1);
    }

    @Test
    @DisplayName("axpby with the target as its own source scales it")
    void selfAxpby() {
      float[] v = new float[35];
      for (int i = 0; i < v.length; i++) {
        v[i] = i;
      }
      Tensor x = t(v, 35);
      x.axpby(0.5f, x, 0f);
      for (int i = 0; i < v.length; i++) {
        assertThat(x.toArray()[i]).isEqualTo(i * 0.5f);
      }
    }
  }
}
