package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.tck.PrimitivesOnly;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fused operations are bit-identical to the portable defaults on the same primitives")
class FusedOpsTest {

  static final CpuBackend CPU = new CpuBackend(2);
  /** The cpu primitives with Backend's default fused operations. */
  static final Backend DEFAULTS = new PrimitivesOnly(CPU);

  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open(CPU);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  static Tensor random(long seed, float low, float high, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[Shape.of(dims).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(low, high);
    }
    return Tensor.of(Shape.of(dims), v);
  }

  @Test
  @DisplayName("linear with and without bias")
  void linear() {
    Tensor x = random(1, -1, 1, 33, 70);
    Tensor w = random(2, -1, 1, 19, 70);
    Tensor b = random(3, -1, 1, 19);
    assertThat(CPU.linear(x, w, b).toArray()).containsExactly(DEFAULTS.linear(x, w, b).toArray());
    assertThat(CPU.linear(x, w, null).toArray())
        .containsExactly(DEFAULTS.linear(x, w, null).toArray());
  }

  @Test
  @DisplayName("softmax cross-entropy: loss and gradient, hard and soft targets, odd widths")
  void softmaxCrossEntropy() {
    for (int[] nk : new int[][] {{128, 10}, {7, 3}, {5, 33}, {1, 1}, {3, 100}}) {
      int n = nk[0];
      int k = nk[1];
      Tensor logits = random(n * 31L + k, -8, 8, n, k);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (i * 7) % k;
      }
      Tensor hard = Tensor.oneHot(labels, k);
      Tensor soft = random(5, 0, 1, n, k);
      soft = soft.div(soft.sum(1, true));
      for (Tensor targets : new Tensor[] {hard, soft}) {
        LossAndGradient fused = CPU.softmaxCrossEntropy(logits, targets);
        LossAndGradient portable = DEFAULTS.softmaxCrossEntropy(logits, targets);
        assertThat(fused.loss().shape()).isEqualTo(Shape.scalar());
        assertThat(fused.loss().item()).isEqualTo(portable.loss().item());
        assertThat(fused.gradient().toArray()).containsExactly(portable.gradient().toArray());
      }
    }
  }

  @Test
  @DisplayName("an SGD step with every combination of momentum, Nesterov and weight decay")
  void sgd() {
    for (boolean momentum : new boolean[] {false, true}) {
      for (boolean nesterov : new boolean[] {false, true}) {
        for (float decay : new float[] {0f, 1e-2f}) {
          float[][] fused = sgdRun(CPU, momentum, nesterov, decay);
          float[][] portable = sgdRun(DEFAULTS, momentum, nesterov, decay);
          assertThat(fused[0]).containsExactly(portable[0]);
          assertThat(fused[1]).containsExactly(portable[1]);
        }
      }
    }
  }

  private float[][] sgdRun(Backend b, boolean momentum, boolean nesterov, float decay) {
    Tensor p = random(11, -1, 1, 37, 5);
    Tensor g = random(12, -1, 1, 37, 5);
    Tensor v = momentum ? random(13, -1, 1, 37, 5) : null;
    for (int step = 0; step < 3; step++) {
      b.sgdStep(p, g, v, 0.1f, 0.9f, nesterov, decay);
    }
    return new float[][] {p.toArray(), v == null ? new float[0] : v.toArray()};
  }

  @Test
  @DisplayName("Adam and AdamW steps, with and without weight decay")
  void adam() {
    for (boolean decoupled : new boolean[] {false, true}) {
      for (float decay : new float[] {0f, 1e-2f}) {
        float[][] fused = adamRun(CPU, decoupled, decay);
        float[][] portable = adamRun(DEFAULTS, decoupled, decay);
        for (int i = 0; i < 3; i++) {
          assertThat(fused[i]).containsExactly(portable[i]);
        }
      }
    }
  }

  private float[][] adamRun(Backend b, boolean decoupled, float decay) {
    Tensor p = random(21, -1, 1, 300);
    Tensor m = Tensor.zeros(Shape.of(300));
    Tensor v = Tensor.zeros(Shape.of(300));
    for (int step = 1; step <= 4; step++) {
      Tensor g = random(22 + step, -1, 1, 300);
      b.adamStep(p, g, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, decay, decoupled, step);
    }
    return new float[][] {p.toArray(), m.toArray(), v.toArray()};
  }
}
