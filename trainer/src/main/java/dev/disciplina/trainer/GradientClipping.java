package dev.disciplina.trainer;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Tensor;

/**
 * Two {@link GradientHook}s, and the absence of one: scale every gradient down so their global
 * L2 norm is at most a bound ({@code clip_grad_norm_}), or clamp every value into {@code [-limit,
 * limit]} ({@code clip_grad_value_}). The configured clipping runs after every other hook (so
 * after an all-reduce it clips the global gradient).
 */
public sealed interface GradientClipping extends GradientHook {

  /** No clipping. */
  record None() implements GradientClipping {
    @Override
    public void beforeStep(GradientStep step) {}
  }

  /** Scale every gradient by {@code maxNorm / norm} when the global L2 norm exceeds {@code maxNorm}. */
  record ByNorm(double maxNorm) implements GradientClipping {
    public ByNorm {
      if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("clipping norm must be a finite number > 0, got "
            + maxNorm);
      }
    }

    @Override
    public void beforeStep(GradientStep step) {
      double sumSquares = 0;
      for (Parameter p : step.parameters().values()) {
        Tensor g = p.grad();
        if (g != null) {
          try (Tensor sq = g.square(); Tensor s = sq.sum()) {
            sumSquares += s.item();
          }
        }
      }
      double norm = Math.sqrt(sumSquares);
      if (norm <= maxNorm) {
        return;
      }
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (Parameter p : step.parameters().values()) {
        Tensor g = p.grad();
        if (g != null) {
          try (Tensor scaled = g.mul(scale)) {
            g.assign(scaled);
          }
        }
      }
    }
  }

  /** Clamp every gradient value into {@code [-limit, limit]}. */
  record ByValue(double limit) implements GradientClipping {
    public ByValue {
      if (!(limit > 0) || Double.isInfinite(limit)) {
        throw new IllegalArgumentException("clipping limit must be a finite number > 0, got "
            + limit);
      }
    }

    @Override
    public void beforeStep(GradientStep step) {
      float bound = (float) limit;
      for (Parameter p : step.parameters().values()) {
        Tensor g = p.grad();
        if (g != null) {
          try (Tensor clamped = g.clamp(-bound, bound)) {
            g.assign(clamped);
          }
        }
      }
    }
  }

  static GradientClipping none() {
    return new None();
  }

  static GradientClipping byNorm(double maxNorm) {
    return new ByNorm(maxNorm);
  }

  static GradientClipping byValue(double limit) {
    return new ByValue(limit);
  }
}
