package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Square float32 matrix products of size {@code n} on the {@code nd4j} backend, as time per
 * product (GFLOP/s = {@code 2 n^3 / time}):
 *
 * <ul>
 *   <li>{@code backend}: {@code Tensor.matmul} — the backend's kernel ({@code cblas_sgemm} into a
 *       pooled result) plus the API's checks and the result's release;
 *   <li>{@code backendTransposed}: the same with both transpose flags set;
 *   <li>{@code nd4jGemm}: {@code Nd4j.gemm(a, b, c, false, false, 1, 0)} into a preallocated
 *       result, for comparison.
 * </ul>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatmulBenchmark {

  @Param({"128", "256", "512", "1024"})
  public int n;

  private Scope scope;
  private Tensor a;
  private Tensor b;
  private INDArray c;

  @Setup(Level.Trial)
  public void setUp() {
    Backend backend = Backends.named("nd4j");
    scope = Scope.open(backend);
    SplittableRandom r = new SplittableRandom(1);
    float[] va = new float[n * n];
    float[] vb = new float[n * n];
    for (int i = 0; i < va.length; i++) {
      va[i] = (float) r.nextDouble(-1, 1);
      vb[i] = (float) r.nextDouble(-1, 1);
    }
    a = Tensor.of(Shape.of(n, n), va);
    b = Tensor.of(Shape.of(n, n), vb);
    c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, n}, 'c');
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    c.close();
    scope.close();
  }

  @Benchmark
  public float backend() {
    try (Tensor p = a.matmul(b)) {
      return n; // the product is released here; its array goes back to the pool
    }
  }

  @Benchmark
  public float backendTransposed() {
    try (Tensor p = a.matmul(true, b, true)) {
      return n;
    }
  }

  @Benchmark
  public INDArray nd4jGemm() {
    return Nd4j.gemm(Nd4jBackend.array(a), Nd4jBackend.array(b), c, false, false, 1.0, 0.0);
  }
}
