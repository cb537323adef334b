package dev.disciplina.backend.cpu.bench;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * Waits until the backend's kernels run compiled. Vector API code runs boxed, about a thousand
 * times slower, until C2 has compiled it, which on two busy cores can take ten seconds or more —
 * longer than a short JMH warm-up. This multiplies {@code [130, 300] @ [300, 200]} — a shape that
 * takes every path of the kernel (edge rows, full and narrow panels, several blocks of k), so
 * that C2 prunes none — until five products in a row take under 2 ms (8 GFLOP/s; boxed code
 * manages about 0.01), at most for a minute; then it waits for the backend's own warm-up thread
 * to end, so that it does not take a core from two-thread measurements.
 */
final class Compiled {

  private Compiled() {}

  /** Runs products in a child of the current scope until they are fast. */
  static void await() {
    int m = 130;
    int k = 300;
    int n = 200;
    float[] v = new float[k * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 17) * 0.01f;
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Scope s = Scope.open()) {
      Tensor a = Tensor.of(Shape.of(m, k), v, 0);
      Tensor b = Tensor.of(Shape.of(k, n), v, 0);
      int fast = 0;
      while (fast < 5 && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        a.matmul(b).close();
        fast = System.nanoTime() - t0 < 2_000_000L ? fast + 1 : 0;
      }
    }
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("disciplina-cpu-warmup")) {
        try {
          t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
