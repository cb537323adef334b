package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A quick matrix-product figure without JMH: for each size, {@code Tensor.matmul} of two square
 * matrices for about two seconds, reported as GFLOP/s of wall time and of the process's CPU time.
 * On a machine shared with other work the second is the steadier figure: it counts only the time
 * this process actually ran (with one BLAS thread, the speed of one core).
 *
 * <pre>
 * mvn -pl backend-nd4j -Pbench test-compile exec:exec \
 *     -Dbench.args=dev.disciplina.backend.nd4j.MatmulGflops [-Dbench.jvm=-Ddisciplina.nd4j.blasThreads=1]
 * </pre>
 */
public final class MatmulGflops {

  private MatmulGflops() {}

  public static void main(String[] args) {
    Backend backend = Backends.named("nd4j");
    System.out.println(backend.description());
    System.out.println("    n   us/product   GFLOP/s (wall)   GFLOP/s (CPU time)");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int n : new int[] {128, 256, 512, 1024}) {
      try (Scope scope = Scope.open(backend)) {
        SplittableRandom r = new SplittableRandom(n);
        float[] va = new float[n * n];
        float[] vb = new float[n * n];
        for (int i = 0; i < va.length; i++) {
          va[i] = (float) r.nextDouble(-1, 1);
          vb[i] = (float) r.nextDouble(-1, 1);
        }
        Tensor a = Tensor.of(Shape.of(n, n), va);
        Tensor b = Tensor.of(Shape.of(n, n), vb);
        run(a, b, 500_000_000L); // warm-up
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long reps = run(a, b, 2_000_000_000L);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double gflop = 2e-9 * n * n * n * reps;
        System.out.printf(Locale.ROOT, "%5d %12.1f %16.1f %20.1f%n",
            n, wall * 1e6 / reps, gflop / wall, gflop / cpu);
      }
    }
  }

  private static long run(Tensor a, Tensor b, long nanos) {
    long reps = 0;
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      try (Tensor p = a.matmul(b)) {
        reps++;
      }
    }
    return reps;
  }
}
