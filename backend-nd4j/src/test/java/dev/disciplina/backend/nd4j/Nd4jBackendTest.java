package dev.disciplina.backend.nd4j;

import static dev.disciplina.backend.nd4j.Reference.ACCUMULATED;
import static dev.disciplina.backend.nd4j.Reference.ELEMENTWISE;
import static dev.disciplina.backend.nd4j.Reference.assertClose;
import static dev.disciplina.backend.nd4j.Reference.random;
import static dev.disciplina.backend.nd4j.Reference.toDouble;
import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
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
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The nd4j backend's kernels")
class Nd4jBackendTest {

  private final Backend backend = Backends.named("nd4j");
  private final SplittableRandom random = new SplittableRandom(42);
  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open(backend);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private Tensor tensor(Shape shape, float[] values) {
    return Tensor.of(shape, values);
  }

  private float[] values(Shape shape) {
    return random(random, shape.size(), -2, 2);
  }

  @Nested
  @DisplayName("creation and copy-out")
  class Creation {

    @Test
    @DisplayName("fromArray copies values from the offset, and later changes to the array do not show")
    void fromArrayCopiesFromOffset() {
      float[] data = {9, 9, 1, 2, 3, 4, 5, 6, 9};
      Tensor t = Tensor.of(Shape.of(2, 3), data, 2);
      data[2] = 100;
      assertThat(t.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(t).isInstanceOf(Nd4jTensor.class);
    }

    @Test
    @DisplayName("full fills every value, for zero and non-zero values and for rank 0")
    void full() {
      assertThat(Tensor.full(Shape.of(3, 2), 2.5f).toArray()).containsOnly(2.5f).hasSize(6);
      assertThat(Tensor.zeros(Shape.of(4)).toArray()).containsOnly(0f).hasSize(4);
      assertThat(Tensor.full(Shape.of(2), -0f).toArray()).containsOnly(-0f);
      Tensor s = Tensor.scalar(7f);
      assertThat(s.shape().rank()).isZero();
      assertThat(s.item()).isEqualTo(7f);
    }

    @Test
    @DisplayName("copyTo writes row-major values from the offset and leaves the rest alone")
    void copyToOffset() {
      Tensor t = tensor(Shape.of(2, 2), new float[] {1, 2, 3, 4});
      float[] dest = {-1, -1, -1, -1, -1, -1};
      t.copyTo(dest, 1);
      assertThat(dest).containsExactly(-1, 1, 2, 3, 4, -1);
    }

    @Test
    @DisplayName("oneHot puts a single 1 in each row at its label")
    void oneHot() {
      Tensor t = Tensor.oneHot(new int[] {2, 0, 1, 2}, 3);
      assertThat(t.shape()).isEqualTo(Shape.of(4, 3));
      assertThat(t.toArray()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    @Test
    @DisplayName("a large tensor round-trips exactly")
    void roundTrip() {
      Shape shape = Shape.of(300, 784);
      float[] v = values(shape);
      assertThat(tensor(shape, v).toArray()).isEqualTo(v);
    }
  }

  @Nested
  @DisplayName("elementwise")
  class Elementwise {

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    @DisplayName("every unary op agrees with the double-precision definition")
    void unary(UnaryOp op) {
      Shape shape = Shape.of(7, 33);
      boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
      float[] v = positive ? random(random, shape.size(), 0.01, 5) : values(shape);
      v[0] = positive ? 1f : 0f; // SIGN, STEP and RELU at zero
      Tensor t = tensor(shape, v);
      Tensor r = t.apply(op);
      double[] expected = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        expected[i] = Reference.unary(op, v[i]);
      }
      assertClose(op.name(), r.toArray(), expected, ELEMENTWISE);
      assertThat(t.toArray()).as("operand unchanged").isEqualTo(v);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnaryOp.class)
    @DisplayName("unary ops work on rank-0 tensors")
    void unaryScalar(UnaryOp op) {
      Tensor r = Tensor.scalar(0.5f).apply(op);
      assertThat(r.shape()).isEqualTo(Shape.scalar());
      assertClose(op.name(), r.toArray(), new double[] {Reference.unary(op, 0.5)}, ELEMENTWISE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#scalarCases")
    @DisplayName("every scalar op agrees with the double-precision definition")
    void scalar(ScalarOp op, float s) {
      Shape shape = Shape.of(5, 9);
      float[] v = op == ScalarOp.POW ? random(random, shape.size(), 0.1, 3) : values(shape);
      Tensor r = tensor(shape, v).apply(op, s);
      double[] expected = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        expected[i] = Reference.scalar(op, v[i], s);
      }
      assertClose(op + " " + s, r.toArray(), expected, ELEMENTWISE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    @DisplayName("binary ops on equal shapes agree with the definition and leave operands alone")
    void binarySameShape(BinaryOp op) {
      Shape shape = Shape.of(16, 31);
      float[] a = values(shape);
      float[] b = values(shape);
      if (op == BinaryOp.DIV) {
        for (int i = 0; i < b.length; i++) {
          b[i] = b[i] >= 0 ? b[i] + 0.5f : b[i] - 0.5f;
        }
      }
      Tensor ta = tensor(shape, a);
      Tensor tb = tensor(shape, b);
      Tensor r = ta.apply(op, tb);
      assertClose(op.name(), r.toArray(), Reference.binary(op, a, shape, b, shape, shape),
          ELEMENTWISE);
      assertThat(ta.toArray()).isEqualTo(a);
      assertThat(tb.toArray()).isEqualTo(b);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#broadcastCases")
    @DisplayName("binary ops broadcast like NumPy for any rank")
    void binaryBroadcast(Shape sa, Shape sb) {
      Shape out = Shape.broadcast("test", sa, sb);
      float[] a = values(sa);
      float[] b = random(random, sb.size(), 0.5, 2);
      Tensor ta = tensor(sa, a);
      Tensor tb = tensor(sb, b);
      for (BinaryOp op : BinaryOp.values()) {
        try (Tensor r = ta.apply(op, tb)) {
          assertThat(r.shape()).isEqualTo(out);
          assertClose(op + " " + sa + " " + sb, r.toArray(),
              Reference.binary(op, a, sa, b, sb, out), ELEMENTWISE);
        }
      }
      assertThat(ta.toArray()).isEqualTo(a);
      assertThat(tb.toArray()).isEqualTo(b);
    }
  }

  static Stream<Arguments> scalarCases() {
    List<Arguments> cases = new ArrayList<>();
    for (ScalarOp op : ScalarOp.values()) {
      for (float s : new float[] {-1.5f, 0.5f, 2f, 3f}) {
        if (op == ScalarOp.RDIV && s == 0f) {
          continue;
        }
        cases.add(Arguments.of(op, s));
      }
    }
    return cases.stream();
  }

  /** Hand-picked layouts (rows, columns, both, reversed) and random shapes of rank 0 to 4. */
  static Stream<Arguments> broadcastCases() {
    List<Arguments> cases = new ArrayList<>();
    int[][][] fixed = {
      {{128, 10}, {10}}, {{128, 10}, {1, 10}}, {{128, 10}, {128, 1}}, {{10}, {128, 10}},
      {{1, 10}, {128, 10}}, {{128, 1}, {128, 10}}, {{128, 1}, {1, 10}}, {{1, 10}, {128, 1}},
      {{3, 4}, {}}, {{}, {3, 4}}, {{}, {}}, {{1}, {5}}, {{5}, {1}}, {{1, 1}, {3, 4}},
      {{2, 3, 4}, {3, 1}}, {{2, 1, 4}, {1, 3, 1}}, {{2, 3, 4}, {2, 1, 4}}, {{4}, {2, 3, 1}},
      {{2, 3, 4, 5}, {3, 1, 5}}, {{2, 1, 4, 1}, {1, 3, 1, 5}}, {{1, 3, 1, 5}, {2, 3, 4, 5}}
    };
    for (int[][] f : fixed) {
      cases.add(Arguments.of(Shape.of(f[0]), Shape.of(f[1])));
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int c = 0; c < 60; c++) {
      int rank = r.nextInt(5);
      int[] out = new int[rank];
      for (int i = 0; i < rank; i++) {
        out[i] = 2 + r.nextInt(3);
      }
      cases.add(Arguments.of(operand(r, out), operand(r, out)));
    }
    return cases.stream();
  }

  private static Shape operand(SplittableRandom r, int[] out) {
    int rank = r.nextInt(out.length + 1);
    int[] d = new int[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = r.nextInt(3) == 0 ? 1 : out[out.length - rank + i];
    }
    return Shape.of(d);
  }

  @Nested
  @DisplayName("matrix products and shapes")
  class Shapes {

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#transposeFlags")
    @DisplayName("matmul honours both transpose flags")
    void matmul(boolean ta, boolean tb) {
      for (int[] mkn : new int[][] {{1, 1, 1}, {3, 5, 7}, {64, 33, 17}, {128, 784, 256}, {1, 40, 9}}) {
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
        Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
        float[] a = values(sa);
        float[] b = values(sb);
        try (Tensor r = tensor(sa, a).matmul(ta, tensor(sb, b), tb)) {
          assertThat(r.shape()).isEqualTo(Shape.of(m, n));
          assertClose("matmul " + m + "x" + k + "x" + n, r.toArray(),
              Reference.matmul(a, sa.rows(), sa.cols(), ta, b, sb.rows(), sb.cols(), tb),
              Reference.matmul(a, sa.rows(), sa.cols(), ta, b, sb.rows(), sb.cols(), tb, true),
              ACCUMULATED);
        }
      }
    }

    @Test
    @DisplayName("transpose materialises a row-major copy")
    void transpose() {
      Tensor t = tensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
      Tensor r = t.transpose();
      assertThat(r.shape()).isEqualTo(Shape.of(3, 2));
      assertThat(r.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
      t.close();
      assertThat(r.toArray()).containsExactly(1, 4, 2, 5, 3, 6);
      assertThat(Nd4jBackend.array(r).ordering()).isEqualTo('c');
    }

    @Test
    @DisplayName("reshape copies: the result outlives its input and does not change with it")
    void reshapeCopies() {
      Tensor t = tensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
      Tensor r = t.reshape(Shape.of(3, 1, 2));
      t.fill(0f);
      assertThat(r.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      t.close();
      assertThat(r.shape()).isEqualTo(Shape.of(3, 1, 2));
      assertThat(r.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(Tensor.scalar(3f).reshape(Shape.of(1, 1)).toArray()).containsExactly(3f);
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#broadcastToCases")
    @DisplayName("broadcastTo repeats values like NumPy")
    void broadcastTo(Shape from, Shape to) {
      float[] v = values(from);
      Tensor t = tensor(from, v);
      Tensor r = t.broadcastTo(to);
      assertThat(r.shape()).isEqualTo(to);
      assertClose("broadcastTo", r.toArray(), Reference.broadcastTo(v, from, to), 0);
      t.close();
      assertClose("after closing the input", r.toArray(), Reference.broadcastTo(v, from, to), 0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReduceOp.class)
    @DisplayName("reductions agree with the definition along every axis of ranks 1 to 4")
    void reduce(ReduceOp op) {
      for (Shape shape :
          new Shape[] {Shape.of(7), Shape.of(1), Shape.of(5, 9), Shape.of(128, 10), Shape.of(3, 4, 5),
              Shape.of(2, 3, 1, 4), Shape.of(1000)}) {
        float[] v = values(shape);
        Tensor t = tensor(shape, v);
        for (int axis = 0; axis < shape.rank(); axis++) {
          try (Tensor r = t.reduce(op, axis, true)) {
            assertThat(r.shape()).isEqualTo(shape.with(axis, 1));
            assertClose(op + " " + shape + " axis " + axis, r.toArray(),
                Reference.reduce(op, v, shape, axis), Reference.reduce(op, v, shape, axis, true),
                ACCUMULATED);
          }
        }
        try (Tensor dropped = t.reduce(op, -1, false)) {
          assertThat(dropped.shape()).isEqualTo(shape.without(-1));
        }
      }
    }

    @Test
    @DisplayName("argmax takes the first of equal largest values")
    void argmaxTies() {
      Tensor t = tensor(Shape.of(3, 4), new float[] {1, 3, 3, 0, 5, 5, 5, 5, -1, -2, -1, -3});
      assertThat(t.argmax(1).toArray()).containsExactly(1, 0, 0);
      assertThat(t.argmax(0).toArray()).containsExactly(1, 1, 1, 1);
    }

    @Test
    @DisplayName("gatherRows copies rows in order, with repeats, for ranks 1 to 3")
    void gatherRows() {
      Tensor m = tensor(Shape.of(4, 2), new float[] {0, 1, 10, 11, 20, 21, 30, 31});
      Tensor g = m.gatherRows(new int[] {3, 0, 3, 1});
      assertThat(g.shape()).isEqualTo(Shape.of(4, 2));
      assertThat(g.toArray()).containsExactly(30, 31, 0, 1, 30, 31, 10, 11);
      m.close();
      assertThat(g.toArray()).containsExactly(30, 31, 0, 1, 30, 31, 10, 11);
      Tensor v = tensor(Shape.of(3), new float[] {5, 6, 7});
      assertThat(v.gatherRows(new int[] {2, 2}).toArray()).containsExactly(7, 7);
      Tensor c = tensor(Shape.of(3, 1, 2), new float[] {1, 2, 3, 4, 5, 6});
      Tensor gc = c.gatherRows(new int[] {1});
      assertThat(gc.shape()).isEqualTo(Shape.of(1, 1, 2));
      assertThat(gc.toArray()).containsExactly(3, 4);
    }
  }

  static Stream<Arguments> transposeFlags() {
    return Stream.of(
        Arguments.of(false, false), Arguments.of(true, false), Arguments.of(false, true),
        Arguments.of(true, true));
  }

  static Stream<Arguments> broadcastToCases() {
    int[][][] cases = {
      {{3}, {4, 3}}, {{4, 1}, {4, 3}}, {{1, 3}, {4, 3}}, {{}, {2, 2}}, {{1}, {5}},
      {{2, 1, 3}, {4, 2, 5, 3}}, {{1, 1}, {2, 3}}, {{2, 3}, {2, 3}}, {{3}, {1, 3}},
      {{2, 3}, {1, 1, 2, 3}}
    };
    return Stream.of(cases).map(c -> Arguments.of(Shape.of(c[0]), Shape.of(c[1])));
  }

  @Nested
  @DisplayName("in-place updates")
  class InPlace {

    @Test
    @DisplayName("assign copies the source's values and leaves the source alone")
    void assign() {
      Tensor target = Tensor.zeros(Shape.of(2, 3));
      Tensor source = tensor(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
      target.assign(source);
      source.fill(0f);
      assertThat(target.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
      target.assign(target);
      assertThat(target.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @ParameterizedTest(name = "alpha={0} beta={1}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#axpbyCases")
    @DisplayName("axpby computes alpha * target + beta * source")
    void axpby(float alpha, float beta) {
      Shape shape = Shape.of(9, 13);
      float[] t = values(shape);
      float[] s = values(shape);
      Tensor target = tensor(shape, t);
      target.axpby(alpha, tensor(shape, s), beta);
      double[] expected = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        expected[i] = (double) alpha * t[i] + (double) beta * s[i];
      }
      assertClose("axpby", target.toArray(), expected, ELEMENTWISE);
    }

    @Test
    @DisplayName("axpby with the target as its own source scales it")
    void axpbyAliased() {
      Tensor t = tensor(Shape.of(3), new float[] {1, 2, 3});
      t.axpby(0.5f, t, 2f);
      assertThat(t.toArray()).containsExactly(2.5f, 5f, 7.5f);
    }

    @Test
    @DisplayName("fill overwrites every value, of any rank")
    void fill() {
      Tensor t = tensor(Shape.of(2, 2), new float[] {1, 2, 3, 4});
      t.fill(-3f);
      assertThat(t.toArray()).containsExactly(-3, -3, -3, -3);
      Tensor s = Tensor.scalar(1f);
      s.fill(0f);
      assertThat(s.item()).isZero();
    }
  }

  static Stream<Arguments> axpbyCases() {
    return Stream.of(
        Arguments.of(1f, 1f), Arguments.of(1f, -0.01f), Arguments.of(0.9f, 1f),
        Arguments.of(0.999f, 0.001f), Arguments.of(0f, 1f), Arguments.of(2f, 0f));
  }

  @Nested
  @DisplayName("fused operations agree with the portable definitions")
  class Fused {

    @ParameterizedTest(name = "bias={0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("linear is x @ weight^T + bias")
    void linear(boolean withBias) {
      int n = 32;
      int in = 20;
      int out = 7;
      float[] x = values(Shape.of(n, in));
      float[] w = values(Shape.of(out, in));
      float[] b = values(Shape.of(out));
      Tensor bias = withBias ? tensor(Shape.of(out), b) : null;
      Tensor r = backend.linear(tensor(Shape.of(n, in), x), tensor(Shape.of(out, in), w), bias);
      double[] expected = Reference.matmul(x, n, in, false, w, out, in, true);
      double[] scale = Reference.matmul(x, n, in, false, w, out, in, true, true);
      if (withBias) {
        for (int i = 0; i < expected.length; i++) {
          expected[i] += b[i % out];
        }
      }
      assertThat(r.shape()).isEqualTo(Shape.of(n, out));
      assertClose("linear", r.toArray(), expected, scale, ACCUMULATED);
    }

    @ParameterizedTest(name = "logit scale {0}")
    @ValueSource(floats = {1f, 300f})
    @DisplayName("softmax cross-entropy gives the mean loss and (softmax - targets) / n, also when "
        + "probabilities underflow")
    void softmaxCrossEntropy(float scale) {
      int n = 6;
      int k = 4;
      float[] logits = values(Shape.of(n, k));
      for (int i = 0; i < logits.length; i++) {
        logits[i] *= scale; // at 300, exp(x - max) underflows to 0 for most entries
      }
      int[] labels = {0, 3, 1, 2, 2, 0};
      LossAndGradient lg =
          backend.softmaxCrossEntropy(tensor(Shape.of(n, k), logits), Tensor.oneHot(labels, k));
      double loss = 0;
      double[] grad = new double[n * k];
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, logits[i * k + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += Math.exp(logits[i * k + j] - max);
        }
        for (int j = 0; j < k; j++) {
          double p = Math.exp(logits[i * k + j] - max) / sum;
          grad[i * k + j] = (p - (labels[i] == j ? 1 : 0)) / n;
        }
        loss -= logits[i * k + labels[i]] - max - Math.log(sum);
      }
      assertClose("loss", lg.loss().toArray(), new double[] {loss / n}, ACCUMULATED);
      assertClose("gradient", lg.gradient().toArray(), grad, ACCUMULATED);
    }

    @ParameterizedTest(name = "momentum={0} nesterov={1} weightDecay={2}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#sgdCases")
    @DisplayName("an SGD step updates parameter and velocity like PyTorch's SGD")
    void sgd(float momentum, boolean nesterov, float weightDecay) {
      Shape shape = Shape.of(5, 6);
      float[] p = values(shape);
      float[] g = values(shape);
      float[] v = values(shape);
      float lr = 0.1f;
      Tensor param = tensor(shape, p);
      Tensor velocity = momentum == 0f ? null : tensor(shape, v);
      backend.sgdStep(param, tensor(shape, g), velocity, lr, momentum, nesterov, weightDecay);
      double[] ep = new double[p.length];
      double[] ev = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        double gi = g[i] + (double) weightDecay * p[i];
        double step = gi;
        if (momentum != 0f) {
          ev[i] = momentum * (double) v[i] + gi;
          step = nesterov ? gi + momentum * ev[i] : ev[i];
        }
        ep[i] = p[i] - lr * step;
      }
      assertClose("param", param.toArray(), ep, ELEMENTWISE);
      if (velocity != null) {
        assertClose("velocity", velocity.toArray(), ev, ELEMENTWISE);
      }
    }

    @ParameterizedTest(name = "weightDecay={0} decoupled={1} step={2}")
    @MethodSource("dev.disciplina.backend.nd4j.Nd4jBackendTest#adamCases")
    @DisplayName("an Adam step updates parameter and moments like PyTorch's Adam and AdamW")
    void adam(float weightDecay, boolean decoupled, int step) {
      Shape shape = Shape.of(4, 7);
      float[] p = values(shape);
      float[] g = values(shape);
      float[] m = values(shape);
      float[] v = random(random, shape.size(), 0, 1);
      float lr = 0.01f;
      float b1 = 0.9f;
      float b2 = 0.999f;
      float eps = 1e-8f;
      Tensor param = tensor(shape, p);
      Tensor tm = tensor(shape, m);
      Tensor tv = tensor(shape, v);
      backend.adamStep(param, tensor(shape, g), tm, tv, lr, b1, b2, eps, weightDecay, decoupled,
          step);
      double[] ep = new double[p.length];
      double[] em = new double[p.length];
      double[] ev = new double[p.length];
      double bias1 = 1 - Math.pow(b1, step);
      double bias2 = 1 - Math.pow(b2, step);
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double gi = g[i];
        if (decoupled) {
          pi *= 1 - (double) lr * weightDecay;
        } else {
          gi += (double) weightDecay * p[i];
        }
        em[i] = b1 * (double) m[i] + (1 - (double) b1) * gi;
        ev[i] = b2 * (double) v[i] + (1 - (double) b2) * gi * gi;
        ep[i] = pi - lr / bias1 * em[i] / (Math.sqrt(ev[i] / bias2) + eps);
      }
      assertClose("m", tm.toArray(), em, ELEMENTWISE);
      assertClose("v", tv.toArray(), ev, 1e-4);
      assertClose("param", param.toArray(), ep, ELEMENTWISE);
    }
  }

  static Stream<Arguments> sgdCases() {
    return Stream.of(
        Arguments.of(0f, false, 0f), Arguments.of(0f, false, 0.01f), Arguments.of(0.9f, false, 0f),
        Arguments.of(0.9f, true, 0f), Arguments.of(0.9f, true, 0.01f),
        Arguments.of(0.5f, false, 0.1f));
  }

  static Stream<Arguments> adamCases() {
    return Stream.of(
        Arguments.of(0f, false, 1), Arguments.of(0f, false, 10), Arguments.of(0.01f, false, 3),
        Arguments.of(0.01f, true, 3), Arguments.of(0.1f, true, 1));
  }

  @Nested
  @DisplayName("memory")
  class Memory {

    @Test
    @DisplayName("every array a tensor owns is dense, row-major, detached and closeable")
    void arraysAreOwned() {
      Tensor t = tensor(Shape.of(3, 4), values(Shape.of(3, 4)));
      for (Tensor r : new Tensor[] {t, t.transpose(), t.reshape(Shape.of(12)), t.sum(0, true),
          t.broadcastTo(Shape.of(2, 3, 4)), t.gatherRows(new int[] {1}), t.add(1f), t.exp()}) {
        var a = Nd4jBackend.array(r);
        assertThat(a.isView()).isFalse();
        assertThat(a.ordering()).isEqualTo('c');
        assertThat(a.isAttached()).isFalse();
        assertThat(a.closeable()).isTrue();
        assertThat(a.dataType()).isEqualTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
      }
    }

    @Test
    @DisplayName("closing a tensor hands its array to the next tensor of that shape")
    void closeRecycles() {
      Tensor t = Tensor.zeros(Shape.of(10, 3));
      var a = Nd4jBackend.array(t);
      t.close();
      assertThat(a.wasClosed()).isFalse();
      Tensor u;
      try (Scope inner = Scope.open()) {
        u = Tensor.ones(Shape.of(10, 3));
        assertThat(Nd4jBackend.array(u)).isSameAs(a);
        assertThat(u.toArray()).containsOnly(1f);
      }
      assertThat(u.isClosed()).isTrue();
      assertThat(Tensor.zeros(Shape.of(10, 3)).toArray()).as("reused and zeroed").containsOnly(0f);
    }

    @Test
    @DisplayName("arrays beyond the pool's capacity are closed, freeing their memory at once")
    void closeFrees() {
      Nd4jBackend small = new Nd4jBackend(Nd4jRuntime.get(), new ArrayPool(1024));
      List<org.nd4j.linalg.api.ndarray.INDArray> arrays = new ArrayList<>();
      try (Scope s = Scope.open(small)) {
        for (int i = 0; i < 4; i++) {
          arrays.add(Nd4jBackend.array(Tensor.zeros(Shape.of(100)))); // 400 bytes each
        }
      }
      assertThat(arrays).filteredOn(a -> a.wasClosed()).hasSize(2);
      assertThat(small.pool().pooledBytes()).isEqualTo(800);
    }

    @Test
    @DisplayName("with the pool off, closing a tensor closes its array")
    void noPool() {
      Nd4jBackend unpooled = new Nd4jBackend(Nd4jRuntime.get(), new ArrayPool(0));
      try (Scope s = Scope.open(unpooled)) {
        Tensor t = Tensor.ones(Shape.of(5));
        var a = Nd4jBackend.array(t);
        t.close();
        assertThat(a.wasClosed()).isTrue();
      }
      assertThat(unpooled.pool().pooledBytes()).isZero();
    }
  }
}
