package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The training step of DESIGN.md's workload (MLP 784-256-128-10, batch 128) spread over threads
 * gives the same bits as on one thread: products split over rows or column panels, in-place
 * updates split over elements, never over a sum.
 */
class ThreadCountDeterminismTest {

  private static final int[] LAYERS = {784, 256, 128, 10};
  private static final int BATCH = 128;

  /** The raw bits of every parameter and the losses after {@code steps} steps on {@code threads}. */
  private static List<int[]> train(int threads, int steps,
      Function<List<Parameter>, Optimizer> optimizer) {
    CpuBackend backend = new CpuBackend(threads);
    assertThat(backend.threads()).isEqualTo(threads);
    List<int[]> bits = new ArrayList<>();
    try (Scope model = Scope.open(backend)) {
      Rng rng = Rng.seeded(11);
      List<Module> layers = new ArrayList<>();
      for (int i = 0; i + 1 < LAYERS.length; i++) {
        layers.add(new Linear(LAYERS[i], LAYERS[i + 1], rng.split("layer" + i)));
        if (i + 2 < LAYERS.length) {
          layers.add(new ReLU());
        }
      }
      Module net = new Sequential(layers);
      Optimizer opt = optimizer.apply(net.parameters());
      Loss loss = Loss.softmaxCrossEntropy();
      Rng data = rng.split("data");
      int[] losses = new int[steps];
      for (int s = 0; s < steps; s++) {
        float[] x = new float[BATCH * LAYERS[0]];
        for (int i = 0; i < x.length; i++) {
          x[i] = data.nextFloat();
        }
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
          y[i] = data.nextInt(10);
        }
        try (Scope step = Scope.open()) {
          opt.zeroGrad();
          Variable l = loss.apply(net.forward(Tensor.of(Shape.of(BATCH, LAYERS[0]), x, 0)),
              Tensor.oneHot(y, 10));
          l.backward();
          opt.step();
          losses[s] = Float.floatToRawIntBits(l.value().item());
        }
      }
      bits.add(losses);
      for (Parameter p : net.parameters()) {
        float[] v = p.value().toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          b[i] = Float.floatToRawIntBits(v[i]);
        }
        bits.add(b);
      }
    }
    return bits;
  }

  private static Optimizer sgd(List<Parameter> p) {
    return Sgd.builder(p).learningRate(0.1).momentum(0.9).build();
  }

  private static Optimizer adam(List<Parameter> p) {
    return Adam.adam(p).learningRate(1e-3).build();
  }

  @Test
  @DisplayName("one training step (SGD with momentum) is bit-identical on 1 and 2 threads")
  void oneStepOnOneAndTwoThreads() {
    List<int[]> one = train(1, 1, ThreadCountDeterminismTest::sgd);
    List<int[]> two = train(2, 1, ThreadCountDeterminismTest::sgd);
    assertThat(two).hasSameSizeAs(one);
    for (int i = 0; i < one.size(); i++) {
      assertThat(two.get(i)).as("tensor %d", i).isEqualTo(one.get(i));
    }
  }

  @Test
  @DisplayName("a short run of ten steps gives the same bits on 1, 2 and 3 threads, with SGD and Adam")
  void shortRunOnAnyThreadCount() {
    for (Function<List<Parameter>, Optimizer> opt : List.<Function<List<Parameter>, Optimizer>>of(
        ThreadCountDeterminismTest::sgd, ThreadCountDeterminismTest::adam)) {
      List<int[]> one = train(1, 10, opt);
      for (int threads : new int[] {2, 3}) {
        List<int[]> many = train(threads, 10, opt);
        for (int i = 0; i < one.size(); i++) {
          assertThat(many.get(i)).as("%d threads, tensor %d", threads, i).isEqualTo(one.get(i));
        }
      }
    }
  }

  @Test
  @DisplayName("in-place updates split over threads touch every element once, tails included")
  void splitUpdatesCoverEveryElement() {
    int n = 3 * CpuBackend.PARALLEL_ELEMENTS + 13;
    float[] source = new float[n];
    float[] start = new float[n];
    Rng rng = Rng.seeded(5);
    for (int i = 0; i < n; i++) {
      source[i] = rng.nextFloat() - 0.5f;
      start[i] = rng.nextFloat();
    }
    List<float[]> results = new ArrayList<>();
    for (int threads : new int[] {1, 2, 3}) {
      try (Scope s = Scope.open(new CpuBackend(threads))) {
        Tensor g = Tensor.of(Shape.of(n), source, 0);
        Tensor p = Tensor.of(Shape.of(n), start, 0);
        Tensor vel = Tensor.zeros(Shape.of(n));
        p.axpby(0.5f, g, 2f);
        s.backend().sgdStep(p, g, vel, 0.1f, 0.9f, true, 1e-3f);
        Tensor copy = Tensor.zeros(Shape.of(n));
        copy.assign(p);
        results.add(copy.toArray());
        vel.fill(3f);
        assertThat(vel.toArray()).containsOnly(3f);
      }
    }
    float[] expected = new float[n];
    for (int i = 0; i < n; i++) {
      float p = start[i] * 0.5f + source[i] * 2f;
      float g = source[i] + p * 1e-3f;
      float v = 0f * 0.9f + g;
      expected[i] = p + (g + v * 0.9f) * -0.1f;
    }
    for (float[] r : results) {
      assertThat(r).isEqualTo(expected);
    }
  }
}
