package dev.disciplina.backend.cpu.bench;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.LossAndGradient;
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
 * One training step of the MLP 784-256-128-10 (ReLU) at batch 128 — the workload of DESIGN.md —
 * written directly on the backend's kernels: fused linear layers, fused softmax cross-entropy,
 * the backward products and one fused SGD step per parameter, in a scope per step. The secondary
 * {@code examples} counter is training examples per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {

  static final int BATCH = 128;

  /** Parameters, one batch and its one-hot targets, in a model scope. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Model {
    @Param({"1", "2"})
    public int threads;

    Backend backend;
    Scope scope;
    Tensor[] params;
    Tensor x;
    Tensor y;

    @Setup(Level.Trial)
    public void setUp() {
      backend = new CpuBackend(threads);
      scope = Scope.open(backend);
      SplittableRandom rng = new SplittableRandom(7);
      params = new Tensor[] {
          random(rng, 0.05f, 256, 784), Tensor.zeros(Shape.of(256)),
          random(rng, 0.05f, 128, 256), Tensor.zeros(Shape.of(128)),
          random(rng, 0.05f, 10, 128), Tensor.zeros(Shape.of(10))};
      x = random(rng, 1f, BATCH, 784);
      int[] labels = new int[BATCH];
      for (int i = 0; i < BATCH; i++) {
        labels[i] = rng.nextInt(10);
      }
      y = Tensor.oneHot(labels, 10);
      Compiled.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      scope.close();
    }

    static Tensor random(SplittableRandom rng, float scale, int... dims) {
      float[] v = new float[Shape.of(dims).size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (rng.nextGaussian() * scale);
      }
      return Tensor.of(Shape.of(dims), v);
    }
  }

  /** Examples counted per step; JMH reports them as a rate, examples/s. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Examples {
    public long examples;

    @Setup(Level.Iteration)
    public void reset() {
      examples = 0;
    }
  }

  /** Forward, loss, backward and SGD update; returns the loss. */
  @Benchmark
  public float step(Model m, Examples e) {
    Backend b = m.backend;
    Tensor[] p = m.params;
    try (Scope step = Scope.open()) {
      Tensor z1 = b.linear(m.x, p[0], p[1]);
      Tensor h1 = z1.relu();
      Tensor z2 = b.linear(h1, p[2], p[3]);
      Tensor h2 = z2.relu();
      Tensor z3 = b.linear(h2, p[4], p[5]);
      LossAndGradient lg = b.softmaxCrossEntropy(z3, m.y);
      Tensor g3 = lg.gradient();
      Tensor gh2 = g3.matmul(p[4]).mul(z2.step());
      Tensor gh1 = gh2.matmul(p[2]).mul(z1.step());
      Tensor[] grads = {
          gh1.matmul(true, m.x, false), gh1.sum(0, false),
          gh2.matmul(true, h1, false), gh2.sum(0, false),
          g3.matmul(true, h2, false), g3.sum(0, false)};
      for (int i = 0; i < p.length; i++) {
        b.sgdStep(p[i], grads[i], null, 0.01f, 0f, false, 0f);
      }
      e.examples += BATCH;
      return lg.loss().item();
    }
  }
}
