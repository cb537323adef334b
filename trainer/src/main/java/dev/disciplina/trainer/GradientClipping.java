package dev.disciplina.trainer;

/**
 * What the trainer does to gradients between backward and the optimizer step: nothing, scale
 * them all down so their global L2 norm is at most a bound ({@code clip_grad_norm_}), or clamp
 * every value into {@code [-limit, limit]} ({@code clip_grad_value_}).
 */
public sealed interface GradientClipping {

  /** No clipping. */
  record None() implements GradientClipping {}

  /** Scale every gradient by {@code maxNorm / norm} when the global L2 norm exceeds {@code maxNorm}. */
  record ByNorm(double maxNorm) implements GradientClipping {
    public ByNorm {
      if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("clipping norm must be a finite number > 0, got "
            + maxNorm);
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
