package dev.disciplina.benchmarks.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * {@code [n, n] @ [n, n]} in float32 on two threads, backend-cpu's packed Vector API kernel
 * beside PyTorch's (MKL/oneDNN through DJL 0.36, PyTorch 2.7.1), in one run: each engine in its
 * own fork, so that neither's threads compete with the other's. The {@code gflops} secondary
 * result is {@code 2 n^3} per second, in GFLOP/s; the goal is backend-cpu at 0.9x PyTorch or
 * better at n = 256, 512 and 1024.
 *
 * <p>Run (on a quiet machine): {@code mvn -B -q -pl benchmarks -am -Pbench -DskipTests package
 * && java -jar benchmarks/target/jmh-benchmarks.jar GemmVersusPyTorch}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=1", "-Ddisciplina.cpu.threads=2"})
public class GemmVersusPyTorch {

  /** The two operands on one engine. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Operands {
    @Param({"256", "512", "1024"})
    public int n;

    @Param({"cpu", "pytorch"})
    public String engine;

    Scope scope;
    Tensor a;
    Tensor b;
    NDManager manager;
    NDArray x;
    NDArray y;

    @Setup(Level.Trial)
    public void setUp() {
      float[] va = random(n * n, 1);
      float[] vb = random(n * n, 2);
      if (engine.equals("cpu")) {
        scope = Scope.open(new CpuBackend(2));
        a = Tensor.of(Shape.of(n, n), va, 0);
        b = Tensor.of(Shape.of(n, n), vb, 0);
        // Vector API code is slow until C2 has compiled it (backend-cpu's README): multiply until
        // ten products in a row run at more than 20 GFLOP/s, at most for a minute.
        long deadline = System.nanoTime() + 60_000_000_000L;
        double fastNanos = 2.0 * n * n * n / 20.0;
        int fast = 0;
        while (fast < 10 && System.nanoTime() < deadline) {
          long t0 = System.nanoTime();
          a.matmul(b).close();
          fast = System.nanoTime() - t0 < fastNanos ? fast + 1 : 0;
        }
      } else {
        manager = NDManager.newBaseManager("PyTorch");
        x = manager.create(va, new ai.djl.ndarray.types.Shape(n, n));
        y = manager.create(vb, new ai.djl.ndarray.types.Shape(n, n));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (scope != null) {
        scope.close();
      }
      if (manager != null) {
        manager.close();
      }
    }

    private static float[] random(int size, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[] v = new float[size];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (rng.nextDouble() - 0.5);
      }
      return v;
    }
  }

  /** Floating-point operations, reported as a rate: GFLOP/s once divided by 1e9. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Flops {
    public double gflops;

    @Setup(Level.Iteration)
    public void reset() {
      gflops = 0;
    }
  }

  /** One product; the result is released at once, as a training step's scope would. */
  @Benchmark
  public long multiply(Operands o, Flops f) {
    f.gflops += 2.0 * o.n * o.n * o.n / 1e9;
    if (o.scope != null) {
      try (Tensor c = o.a.matmul(o.b)) {
        return c.shape().size();
      }
    }
    try (NDArray c = o.x.matMul(o.y)) {
      return c.getShape().size();
    }
  }
}
