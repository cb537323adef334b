package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Matrix products")
class MatmulTest {

  static final CpuBackend ONE = new CpuBackend(1);
  static final CpuBackend TWO = new CpuBackend(2);
  static final CpuBackend THREE = new CpuBackend(3);

  static float[] random(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  /** {@code op(a) @ op(b)} in double precision. */
  static double[] reference(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  static float[] product(CpuBackend backend, float[] a, boolean ta, float[] b, boolean tb, int m,
      int n, int k) {
    try (Scope s = Scope.open(backend)) {
      Tensor x = Tensor.of(ta ? Shape.of(k, m) : Shape.of(m, k), a);
      Tensor y = Tensor.of(tb ? Shape.of(n, k) : Shape.of(k, n), b);
      return x.matmul(ta, y, tb).toArray();
    }
  }

  static Stream<Arguments> sizes() {
    int[][] mnk = {
        {1, 1, 1}, {17, 33, 5}, {128, 256, 784}, {3, 5, 7}, {4, 64, 128}, {5, 65, 129},
        {63, 17, 300}, {1, 200, 40}, {200, 1, 40}, {130, 10, 128}, {64, 1000, 3}, {16, 16, 16}};
    Stream.Builder<Arguments> out = Stream.builder();
    for (int[] s : mnk) {
      for (int flags = 0; flags < 4; flags++) {
        out.add(Arguments.of(s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0));
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "[{0} x {2}] @ [{2} x {1}], transposeA {3}, transposeB {4}")
  @MethodSource("sizes")
  @DisplayName("agrees with a double-precision triple loop for every transpose combination")
  void agreesWithDoublePrecision(int m, int n, int k, boolean ta, boolean tb) {
    float[] a = random(m * 31L + k, m * k);
    float[] b = random(n * 17L + k, k * n);
    double[] expected = reference(a, ta, b, tb, m, n, k);
    float[] actual = product(TWO, a, ta, b, tb, m, n, k);
    for (int i = 0; i < expected.length; i++) {
      // |sum of k products of values in [-1, 1]| rounding: a few ulp of sqrt(k)-sized values.
      assertThat((double) actual[i]).as("element %d", i)
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * Math.sqrt(k) + 1e-6));
    }
  }

  @ParameterizedTest(name = "[{0} x {2}] @ [{2} x {1}], transposeA {3}, transposeB {4}")
  @MethodSource("sizes")
  @DisplayName("is bit-identical to one fused multiply-add chain per element, on 1, 2 or 3 threads")
  void bitIdenticalToFmaChain(int m, int n, int k, boolean ta, boolean tb) {
    float[] a = random(m * 7L + k, m * k);
    float[] b = random(n * 5L + k, k * n);
    float[] expected = new float[m * n];
    Gemm.naive(a, ta, b, tb, null, expected, m, n, k);
    assertThat(product(ONE, a, ta, b, tb, m, n, k)).containsExactly(expected);
    assertThat(product(TWO, a, ta, b, tb, m, n, k)).containsExactly(expected);
    assertThat(product(THREE, a, ta, b, tb, m, n, k)).containsExactly(expected);
  }

  @Test
  @DisplayName("a large product splits over threads and still gives the same bits as one thread")
  void largeDeterministic() {
    int m = 300;
    int n = 260;
    int k = 530;
    float[] a = random(1, m * k);
    float[] b = random(2, k * n);
    assertThat(2L * m * n * k).isGreaterThan(Gemm.PARALLEL_FLOPS);
    float[] one = product(ONE, a, false, b, true, m, n, k);
    float[] two = product(TWO, a, false, b, true, m, n, k);
    float[] three = product(THREE, a, false, b, true, m, n, k);
    assertThat(two).containsExactly(one);
    assertThat(three).containsExactly(one);
    for (int rep = 0; rep < 3; rep++) {
      assertThat(product(TWO, a, false, b, true, m, n, k)).containsExactly(one);
    }
  }

  @Test
  @DisplayName("few rows and many columns split over column panels, bit-identically")
  void wideDeterministic() {
    int m = 6;
    int n = 4000;
    int k = 800;
    assertThat(2L * m * n * k).isGreaterThan(Gemm.PARALLEL_FLOPS);
    float[] a = random(3, m * k);
    float[] b = random(4, k * n);
    float[] one = product(ONE, a, false, b, false, m, n, k);
    assertThat(product(TWO, a, false, b, false, m, n, k)).containsExactly(one);
    float[] expected = new float[m * n];
    Gemm.naive(a, false, b, false, null, expected, m, n, k);
    assertThat(one).containsExactly(expected);
  }

  @Test
  @DisplayName("a result in a recycled buffer holding garbage is still exact")
  void recycledBuffers() {
    int m = 45;
    int n = 70;
    int k = 300;
    float[] a = random(5, m * k);
    float[] b = random(6, k * n);
    float[] expected = new float[m * n];
    Gemm.naive(a, false, b, false, null, expected, m, n, k);
    try (Scope s = Scope.open(TWO)) {
      for (int rep = 0; rep < 3; rep++) {
        try (Scope inner = Scope.open()) {
          Tensor.full(Shape.of(m, n), Float.NaN);
        }
        try (Scope inner = Scope.open()) {
          Tensor x = Tensor.of(Shape.of(m, k), a);
          Tensor y = Tensor.of(Shape.of(k, n), b);
          assertThat(x.matmul(y).toArray()).containsExactly(expected);
        }
      }
    }
  }

  @Test
  @DisplayName("linear is bit-identical to the product followed by adding the bias")
  void linearFused() {
    for (int[] s : new int[][] {{128, 256, 784}, {7, 10, 33}, {2, 3, 4}, {64, 70, 129}}) {
      int n = s[0];
      int out = s[1];
      int in = s[2];
      try (Scope scope = Scope.open(TWO)) {
        Tensor x = Tensor.of(Shape.of(n, in), random(7, n * in));
        Tensor w = Tensor.of(Shape.of(out, in), random(8, out * in));
        Tensor bias = Tensor.of(Shape.of(out), random(9, out));
        float[] fused = TWO.linear(x, w, bias).toArray();
        float[] separate = x.matmul(false, w, true).add(bias).toArray();
        assertThat(fused).containsExactly(separate);
        assertThat(TWO.linear(x, w, null).toArray())
            .containsExactly(x.matmul(false, w, true).toArray());
      }
    }
  }
}
