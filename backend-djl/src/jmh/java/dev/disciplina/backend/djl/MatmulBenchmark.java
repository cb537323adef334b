package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Square matmul on the djl backend, {@code n x n @ n x n}, through the SPI (a scope per call,
 * result freed), with and without the transpose flags. GFLOP/s = {@code 2 n^3 / time}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class MatmulBenchmark {

  @Param({"128", "256", "512", "1024"})
  int n;

  private Scope root;
  private Tensor a;
  private Tensor b;

  @Setup(Level.Trial)
  public void setUp() {
    root = Scope.open(DjlEngine.newBackend());
    SplittableRandom r = new SplittableRandom(42);
    float[] va = new float[n * n];
    float[] vb = new float[n * n];
    for (int i = 0; i < va.length; i++) {
      va[i] = (float) r.nextDouble(-1, 1);
      vb[i] = (float) r.nextDouble(-1, 1);
    }
    a = Tensor.of(Shape.of(n, n), va);
    b = Tensor.of(Shape.of(n, n), vb);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    root.close();
  }

  private float run(boolean ta, boolean tb) {
    try (Scope s = Scope.open()) {
      Tensor c = a.matmul(ta, b, tb);
      return c.shape().rows();
    }
  }

  @Benchmark
  public float plain() {
    return run(false, false);
  }

  @Benchmark
  public float transposeA() {
    return run(true, false);
  }

  @Benchmark
  public float transposeB() {
    return run(false, true);
  }
}
