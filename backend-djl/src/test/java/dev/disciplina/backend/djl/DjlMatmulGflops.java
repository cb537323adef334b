package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * Square matmul GFLOP/s through the SPI (a scope per product, result freed), best of several
 * rounds so that a busy machine shows what the engine can do. Not a test: run with {@code java
 * -cp <test class path> dev.disciplina.backend.djl.DjlMatmulGflops}. The JMH benchmark in
 * {@code src/jmh/java} measures the same under the {@code bench} profile.
 */
public final class DjlMatmulGflops {

  private DjlMatmulGflops() {}

  public static void main(String[] args) {
    Backend backend = DjlEngine.newBackend();
    System.out.println(backend.description());
    try (Scope root = Scope.open(backend)) {
      for (int n : new int[] {128, 256, 512, 1024}) {
        Tensor a = Tensor.of(Shape.of(n, n), Ref.random(n, n * n, -1, 1));
        Tensor b = Tensor.of(Shape.of(n, n), Ref.random(n + 1, n * n, -1, 1));
        StringBuilder line = new StringBuilder(String.format("n=%5d", n));
        for (int flags = 0; flags < 3; flags++) {
          boolean ta = flags == 1;
          boolean tb = flags == 2;
          int reps = (int) Math.max(3, 2e9 / (2.0 * n * n * n));
          long best = Long.MAX_VALUE;
          for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
              try (Scope s = Scope.open()) {
                a.matmul(ta, b, tb);
              }
            }
            best = Math.min(best, System.nanoTime() - t0);
          }
          double gflops = 2.0 * n * n * n * reps / best;
          line.append(String.format("  %s %6.1f GFLOP/s", ta ? "a^T b" : tb ? "a b^T" : "a b  ",
              gflops));
        }
        System.out.println(line);
      }
    }
  }
}
