package dev.disciplina.backend.cpu.bench;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * Waits until the backend's kernels run compiled. Vector API code runs boxed, about a thousand
 * times slower, until C2 has compiled it, which on two busy cores can take ten seconds or more —
 * longer than a short JMH warm-up. This multiplies 128-square matrices until five in a row take
 * under a millisecond (4 GFLOP/s; boxed code manages about 0.01), at most for a minute.
 */
final class Compiled {

  private Compiled() {}

  /** Runs products in a child of the current scope until they are fast. */
  static void await() {
    int n = 128;
    float[] v = new float[n * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 17) * 0.01f;
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Scope s = Scope.open()) {
      Tensor a = Tensor.of(Shape.of(n, n), v);
      int fast = 0;
      while (fast < 5 && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        a.matmul(a).close();
        fast = System.nanoTime() - t0 < 1_000_000L ? fast + 1 : 0;
      }
    }
  }
}
