package dev.disciplina.backend.djl;

import static dev.disciplina.backend.djl.Ref.close;
import static dev.disciplina.backend.djl.Ref.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.tck.PrimitivesOnly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused overrides against {@link Backend}'s portable defaults run on the same primitives.
 * Tolerance: 1e-5 relative plus 1e-7 absolute, since the fused kernels round differently (FMA,
 * a different order of the same operations).
 */
@DisplayName("The djl backend's fused operations agree with the portable defaults")
class DjlFusedOpsTest {

  private final DjlBackend backend = Ref.backend();
  /** The same primitives, but every fused operation left at its default. */
  private final Backend defaults = new PrimitivesOnly(backend);
  private Scope scope;

  @BeforeEach
  void open() {
    scope = Scope.open(backend);
  }

  @AfterEach
  void closeScope() {
    scope.close();
  }

  private static double[] widen(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @Test
  @DisplayName("linear with and without bias")
  void linear() {
    Tensor x = Tensor.of(Shape.of(8, 20), random(1, 160, -1, 1));
    Tensor w = Tensor.of(Shape.of(6, 20), random(2, 120, -1, 1));
    Tensor b = Tensor.of(Shape.of(6), random(3, 6, -1, 1));
    close(backend.linear(x, w, b).toArray(), widen(defaults.linear(x, w, b).toArray()),
        1e-5, 1e-6, "with bias");
    close(backend.linear(x, w, null).toArray(), widen(defaults.linear(x, w, null).toArray()),
        1e-5, 1e-6, "without bias");
  }

  @ParameterizedTest(name = "{0} classes")
  @ValueSource(ints = {4, DjlBackend.NARROW_ROWS - 1, DjlBackend.NARROW_ROWS, 100})
  @DisplayName("softmax cross-entropy with hard and soft targets, loss and gradient, narrow and wide")
  void softmaxCrossEntropy(int k) {
    Tensor logits = Tensor.of(Shape.of(5, k), random(4, 5 * k, -6, 6));
    float[] soft = random(5, 5 * k, 0, 1);
    for (int r = 0; r < 5; r++) {
      float s = 0;
      for (int c = 0; c < k; c++) {
        s += soft[r * k + c];
      }
      for (int c = 0; c < k; c++) {
        soft[r * k + c] /= s;
      }
    }
    for (Tensor targets : new Tensor[] {
        Tensor.oneHot(new int[] {0, 3, 1, 1, 2}, k), Tensor.of(Shape.of(5, k), soft)}) {
      LossAndGradient fused = backend.softmaxCrossEntropy(logits, targets);
      LossAndGradient reference = defaults.softmaxCrossEntropy(logits, targets);
      assertThat(fused.loss().shape()).isEqualTo(Shape.scalar());
      assertThat(fused.gradient().shape()).isEqualTo(Shape.of(5, k));
      close(fused.loss().toArray(), widen(reference.loss().toArray()), 1e-5, 1e-7, "loss");
      close(fused.gradient().toArray(), widen(reference.gradient().toArray()), 1e-5, 1e-7,
          "gradient");
    }
  }

  @Test
  @DisplayName("an SGD step with every combination of momentum, Nesterov and weight decay")
  void sgdStep() {
    for (float momentum : new float[] {0f, 0.9f}) {
      for (boolean nesterov : new boolean[] {false, true}) {
        for (float decay : new float[] {0f, 0.01f}) {
          if (momentum == 0f && nesterov) {
            continue;
          }
          float[] p0 = random(6, 30, -1, 1);
          float[] g0 = random(7, 30, -1, 1);
          float[] v0 = random(8, 30, -1, 1);
          Shape s = Shape.of(5, 6);
          Tensor p1 = Tensor.of(s, p0);
          Tensor p2 = Tensor.of(s, p0);
          Tensor g = Tensor.of(s, g0);
          Tensor v1 = momentum == 0f ? null : Tensor.of(s, v0);
          Tensor v2 = momentum == 0f ? null : Tensor.of(s, v0);
          for (int step = 0; step < 3; step++) {
            backend.sgdStep(p1, g, v1, 0.1f, momentum, nesterov, decay);
            defaults.sgdStep(p2, g, v2, 0.1f, momentum, nesterov, decay);
          }
          String what = "momentum " + momentum + " nesterov " + nesterov + " decay " + decay;
          close(p1.toArray(), widen(p2.toArray()), 1e-5, 1e-7, what);
          if (v1 != null) {
            close(v1.toArray(), widen(v2.toArray()), 1e-5, 1e-7, what + " velocity");
          }
          assertThat(g.toArray()).as("gradient unchanged").containsExactly(g0);
        }
      }
    }
  }

  @Test
  @DisplayName("Adam and AdamW steps, with and without weight decay, over several steps")
  void adamStep() {
    for (boolean decoupled : new boolean[] {false, true}) {
      for (float decay : new float[] {0f, 0.05f}) {
        float[] p0 = random(9, 24, -1, 1);
        Shape s = Shape.of(4, 6);
        Tensor p1 = Tensor.of(s, p0);
        Tensor p2 = Tensor.of(s, p0);
        Tensor m1 = Tensor.zeros(s);
        Tensor m2 = Tensor.zeros(s);
        Tensor v1 = Tensor.zeros(s);
        Tensor v2 = Tensor.zeros(s);
        for (int step = 1; step <= 5; step++) {
          float[] g0 = random(10 + step, 24, -1, 1);
          Tensor g = Tensor.of(s, g0);
          backend.adamStep(p1, g, m1, v1, 0.01f, 0.9f, 0.999f, 1e-8f, decay, decoupled, step);
          defaults.adamStep(p2, g, m2, v2, 0.01f, 0.9f, 0.999f, 1e-8f, decay, decoupled, step);
          assertThat(g.toArray()).as("gradient unchanged").containsExactly(g0);
        }
        String what = (decoupled ? "AdamW" : "Adam") + " decay " + decay;
        close(p1.toArray(), widen(p2.toArray()), 1e-5, 1e-7, what);
        close(m1.toArray(), widen(m2.toArray()), 1e-5, 1e-7, what + " m");
        close(v1.toArray(), widen(v2.toArray()), 1e-5, 1e-9, what + " v");
      }
    }
  }
}
