package dev.disciplina.backend.cpu.bench;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.backend.cpu.CpuBackend;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square matrix products {@code [n, n] @ [n, n]} on the {@code cpu} backend with one and two
 * threads. The primary score is products per second; the secondary {@code gflops} counter is the
 * rate {@code 2 n^3 / time} in GFLOP/s (shown in JMH's "ops/s" column).
 *
 * <p>Each trial first waits until the kernels run compiled ({@link Compiled}), so that even one
 * warm-up iteration at {@code n = 1024} is compiled code.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {

  /** The operands, a backend with the requested threads and a scope for the results. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Operands {
    @Param({"128", "256", "512", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    Scope scope;
    Tensor a;
    Tensor b;

    @Setup(Level.Trial)
    public void setUp() {
      scope = Scope.open(new CpuBackend(threads));
      SplittableRandom rng = new SplittableRandom(42);
      float[] va = new float[n * n];
      float[] vb = new float[n * n];
      for (int i = 0; i < va.length; i++) {
        va[i] = (float) rng.nextDouble(-1, 1);
        vb[i] = (float) rng.nextDouble(-1, 1);
      }
      a = Tensor.of(Shape.of(n, n), va);
      b = Tensor.of(Shape.of(n, n), vb);
      Compiled.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      scope.close();
    }
  }

  /** GFLOP counted per product; JMH reports it as a rate, GFLOP/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Flops {
    public double gflops;

    @Setup(Level.Iteration)
    public void reset() {
      gflops = 0;
    }
  }

  /** One product; its result goes straight back to the pool. */
  @Benchmark
  public float matmul(Operands o, Flops f) {
    try (Tensor c = o.a.matmul(o.b)) {
      f.gflops += 2.0 * o.n * o.n * o.n * 1e-9;
      return o.n;
    }
  }
}
