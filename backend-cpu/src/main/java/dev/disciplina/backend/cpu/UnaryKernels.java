package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised loops of the unary operations. Exact operations (negation, absolute value, sign,
 * square root, square, reciprocal, ReLU, step) have scalar tails with the same IEEE semantics;
 * the transcendental ones ({@code exp}, {@code log}, {@code tanh}, {@code sigmoid}) are the
 * deterministic polynomials of {@link VectorMath}.
 */
final class UnaryKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private UnaryKernels() {}

  /** {@code o[i] = op(x[i])} for {@code i < n}; {@code o} may be {@code x}. */
  static void apply(UnaryOp op, float[] x, float[] o, int n) {
    switch (op) {
      case NEG -> neg(x, o, n);
      case ABS -> abs(x, o, n);
      case SIGN -> sign(x, o, n);
      case EXP -> VectorMath.exp(x, 0, o, 0, n);
      case LOG -> VectorMath.log(x, 0, o, 0, n);
      case SQRT -> sqrt(x, o, n);
      case SQUARE -> square(x, o, n);
      case RECIPROCAL -> BinaryKernels.sv(BinaryOp.DIV, 1f, x, 0, o, 0, n);
      case TANH -> VectorMath.tanh(x, 0, o, 0, n);
      case SIGMOID -> VectorMath.sigmoid(x, 0, o, 0, n);
      case RELU -> BinaryKernels.vs(BinaryOp.MAX, x, 0, 0f, o, 0, n);
      case STEP -> step(x, o, n);
      default -> throw new IllegalArgumentException("unknown unary op " + op);
    }
  }

  private static void neg(float[] x, float[] o, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, i).neg().intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = -x[i];
    }
  }

  private static void abs(float[] x, float[] o, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, i).abs().intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = Math.abs(x[i]);
    }
  }

  /** {@link Math#signum}: -1, 1, or the value itself for zeros and NaN. */
  private static void sign(float[] x, float[] o, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      v.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.lt(0f)).intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = Math.signum(x[i]);
    }
  }

  private static void sqrt(float[] x, float[] o, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SQRT).intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = (float) Math.sqrt(x[i]);
    }
  }

  private static void square(float[] x, float[] o, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      v.mul(v).intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = x[i] * x[i];
    }
  }

  /** 1 where {@code x > 0}, else 0 (NaN gives 0). */
  private static void step(float[] x, float[] o, int n) {
    int i = 0;
    FloatVector zero = FloatVector.zero(S);
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, i);
      zero.blend(1f, v.compare(VectorOperators.GT, 0f)).intoArray(o, i);
    }
    for (; i < n; i++) {
      o[i] = x[i] > 0f ? 1f : 0f;
    }
  }

  /** {@code o[i] = (float) Math.pow(x[i], s)}, with exact shortcuts for s = 1, 2 and -1. */
  static void pow(float[] x, float s, float[] o, int n) {
    if (s == 1f) {
      System.arraycopy(x, 0, o, 0, n);
    } else if (s == 2f) {
      square(x, o, n);
    } else if (s == -1f) {
      // (float) (1.0 / x) is the correctly rounded float quotient, the same as 1f / x.
      BinaryKernels.sv(BinaryOp.DIV, 1f, x, 0, o, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        o[i] = (float) StrictMath.pow(x[i], s);
      }
    }
  }
}
