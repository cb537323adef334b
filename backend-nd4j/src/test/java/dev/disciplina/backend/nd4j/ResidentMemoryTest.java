package dev.disciplina.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs many iterations of an MLP's forward and backward pass and optimizer step, each in its own
 * scope, and checks that resident memory stays flat: every native buffer is freed when its scope
 * closes (or goes back to the backend's bounded pool). The surefire JVM has a fixed, pre-touched
 * heap, so resident growth is native growth.
 *
 * <p>{@code -Dnd4j.memory.iterations} sets the number of iterations (default 20,000; run it with
 * 100,000 for a longer soak).
 */
@DisplayName("Resident memory")
class ResidentMemoryTest {

  private static final int ITERATIONS = Integer.getInteger("nd4j.memory.iterations", 20_000);

  /**
   * Bound on resident growth after the warm-up (JIT compilation and malloc arenas settle early).
   * Leaking the smallest batch-sized tensor, {@code [64, 10]}, every iteration exceeds it, and a
   * third of it in the second half, within the default 20,000 iterations.
   */
  private static final long ALLOWED_GROWTH_KB = 64 * 1024;

  private final Backend backend = Backends.named("nd4j");

  @Test
  @DisplayName("stays flat over a long loop of forward, backward and optimizer steps")
  void flatOverLongLoop() throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    int batch = 64;
    int in = 128;
    int hidden = 64;
    int classes = 10;
    float[] inputs = Reference.random(random, batch * in, -1, 1);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(classes);
    }
    try (Scope model = Scope.open(backend)) {
      Tensor w1 = Tensor.of(Shape.of(hidden, in), Reference.random(random, hidden * in, -0.1, 0.1));
      Tensor b1 = Tensor.zeros(Shape.of(hidden));
      Tensor w2 = Tensor.of(Shape.of(classes, hidden), Reference.random(random, classes * hidden, -0.1, 0.1));
      Tensor b2 = Tensor.zeros(Shape.of(classes));
      Tensor v1 = Tensor.zeros(Shape.of(hidden, in));
      Tensor[] params = {w1, b1, w2, b2};
      int warmUp = Math.max(ITERATIONS / 10, 1000);
      double loss = 0;
      for (int i = 0; i < warmUp; i++) {
        loss = step(inputs, labels, params, v1);
      }
      long[] resident = new long[11]; // before, then after each tenth of the loop
      resident[0] = residentKb();
      long start = System.nanoTime();
      for (int tenth = 1; tenth <= 10; tenth++) {
        for (int i = 0; i < ITERATIONS / 10; i++) {
          loss = step(inputs, labels, params, v1);
        }
        resident[tenth] = residentKb();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      StringBuilder series = new StringBuilder();
      for (long kb : resident) {
        series.append(' ').append(kb / 1024);
      }
      System.out.printf(Locale.ROOT,
          "nd4j resident memory (MB, after %d warm-up iterations, then every %d):%s; %+d KB in "
              + "all, %+d KB in the second half (%.1f s, %.0f us/iteration, final loss %.4f)%n",
          warmUp, ITERATIONS / 10, series, resident[10] - resident[0], resident[10] - resident[5],
          seconds, seconds * 1e6 / ITERATIONS, loss);
      assertThat(model.openTensorCount()).isEqualTo(5);
      assertThat(resident[10] - resident[0])
          .as("resident growth in KB over %d iterations", ITERATIONS)
          .isLessThan(ALLOWED_GROWTH_KB);
      assertThat(resident[10] - resident[5])
          .as("resident growth in KB over the last %d iterations (a leak grows linearly)",
              ITERATIONS / 2)
          .isLessThan(ALLOWED_GROWTH_KB / 3);
      assertThat(loss).isFinite();
    }
  }

  /** One training iteration in its own scope; returns the loss. */
  private double step(float[] inputs, int[] labels, Tensor[] p, Tensor velocity) {
    try (Scope step = Scope.open()) {
      Tensor x = Tensor.of(Shape.of(labels.length, inputs.length / labels.length), inputs);
      Tensor h = backend.linear(x, p[0], p[1]);
      Tensor a = h.relu();
      Tensor out = backend.linear(a, p[2], p[3]);
      LossAndGradient lg = backend.softmaxCrossEntropy(out, Tensor.oneHot(labels, 10));
      Tensor g = lg.gradient();
      Tensor dw2 = g.matmul(true, a, false);
      Tensor db2 = g.sum(0, false);
      Tensor dh = g.matmul(p[2]).mul(h.step());
      Tensor dw1 = dh.matmul(true, x, false);
      Tensor db1 = dh.sum(0, false);
      backend.sgdStep(p[0], dw1, velocity, 0.01f, 0.9f, false, 0f);
      backend.sgdStep(p[1], db1, null, 0.01f, 0f, false, 0f);
      backend.sgdStep(p[2], dw2, null, 0.01f, 0f, false, 1e-4f);
      p[3].axpby(1f, db2, -0.01f);
      // the other kernels, as evaluation and data handling use them
      Tensor picked = x.gatherRows(new int[] {3, 1, 4, 1, 5, 9, 2, 6});
      Tensor accuracy =
          out.argmax(1).reshape(Shape.of(labels.length, 1)).broadcastTo(Shape.of(labels.length, 2));
      Tensor spread = out.max(1, true).sub(out.min(1, true)).sigmoid().transpose().tanh();
      Tensor misc = picked.abs().add(1f).log().sqrt().mul(picked.sign()).maximum(picked.exp().neg());
      velocity.assign(velocity.mean(0, true).broadcastTo(velocity.shape()).div(p[0].square().add(1f)));
      misc.fill(accuracy.sum().item() + spread.sum().item());
      return lg.loss().item();
    }
  }

  private static long residentKb() throws IOException {
    System.gc(); // lets ND4J's reference queues run; native buffers were already freed
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
