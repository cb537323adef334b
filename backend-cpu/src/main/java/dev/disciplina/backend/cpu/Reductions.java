package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions along one axis of a row-major array viewed as {@code [outer, len, inner]}.
 *
 * <p>Along the last axis ({@code inner == 1}) each row is reduced with vector accumulators; the
 * lanes of a sum are then added in a fixed order (never {@code reduceLanes(ADD)}, whose order the
 * Vector API leaves unspecified), so sums are deterministic. Along other axes whole slices are
 * combined elementwise, which vectorises over {@code inner}. {@code MEAN} divides the sum by the
 * length; {@code MAX} and {@code MIN} propagate NaN like {@link Math#max}; {@code ARGMAX} returns
 * the first index of the largest value, or of the first NaN.
 */
final class Reductions {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Reductions() {}

  /** Reduces {@code x} viewed as {@code [outer, len, inner]} into {@code out [outer, inner]}. */
  static void reduce(ReduceOp op, float[] x, int outer, int len, int inner, float[] out) {
    if (inner == 1) {
      for (int o = 0; o < outer; o++) {
        int off = o * len;
        out[o] = switch (op) {
          case SUM -> sum(x, off, len);
          case MEAN -> sum(x, off, len) / len;
          case MAX -> max(x, off, len);
          case MIN -> min(x, off, len);
          case ARGMAX -> argmax(x, off, len, 1);
        };
      }
      return;
    }
    for (int o = 0; o < outer; o++) {
      int src = o * len * inner;
      int dst = o * inner;
      switch (op) {
        case SUM, MEAN -> {
          System.arraycopy(x, src, out, dst, inner);
          for (int a = 1; a < len; a++) {
            BinaryKernels.vv(BinaryOp.ADD, out, dst, x, src + a * inner, out, dst, inner);
          }
          if (op == ReduceOp.MEAN) {
            BinaryKernels.vs(BinaryOp.DIV, out, dst, len, out, dst, inner);
          }
        }
        case MAX, MIN -> {
          BinaryOp bop = op == ReduceOp.MAX ? BinaryOp.MAX : BinaryOp.MIN;
          System.arraycopy(x, src, out, dst, inner);
          for (int a = 1; a < len; a++) {
            BinaryKernels.vv(bop, out, dst, x, src + a * inner, out, dst, inner);
          }
        }
        case ARGMAX -> argmaxColumns(x, src, len, inner, out, dst);
      }
    }
  }

  /** The sum of {@code x[off, off + len)}, in a fixed order that depends only on {@code len}. */
  static float sum(float[] x, int off, int len) {
    int i = 0;
    float s = 0f;
    if (len >= L) {
      FloatVector acc0 = FloatVector.fromArray(S, x, off);
      i = L;
      if (len >= 4 * L) {
        FloatVector acc1 = FloatVector.fromArray(S, x, off + L);
        FloatVector acc2 = FloatVector.fromArray(S, x, off + 2 * L);
        FloatVector acc3 = FloatVector.fromArray(S, x, off + 3 * L);
        i = 4 * L;
        for (int bound = len - 4 * L; i <= bound; i += 4 * L) {
          acc0 = acc0.add(FloatVector.fromArray(S, x, off + i));
          acc1 = acc1.add(FloatVector.fromArray(S, x, off + i + L));
          acc2 = acc2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
          acc3 = acc3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        acc0 = acc0.add(acc1).add(acc2.add(acc3));
      }
      for (int bound = S.loopBound(len); i < bound; i += L) {
        acc0 = acc0.add(FloatVector.fromArray(S, x, off + i));
      }
      s = laneSum(acc0);
    }
    for (; i < len; i++) {
      s += x[off + i];
    }
    return s;
  }

  /** The lanes of {@code v} added as a balanced tree in a fixed order. */
  private static float laneSum(FloatVector v) {
    // Halve the vector repeatedly by adding its upper half onto its lower half: exact IEEE
    // additions in an order fixed by the vector length.
    FloatVector t = v;
    for (int width = L / 2; width >= 1; width /= 2) {
      t = t.add(t.rearrange(HALVES[Integer.numberOfTrailingZeros(width)]));
    }
    return t.lane(0);
  }

  /** {@code HALVES[log2(w)]} moves lane {@code i + w} to lane {@code i}. */
  private static final VectorShuffle<Float>[] HALVES = halves();

  @SuppressWarnings("unchecked")
  private static VectorShuffle<Float>[] halves() {
    int levels = Integer.numberOfTrailingZeros(L) + 1;
    VectorShuffle<Float>[] h = new VectorShuffle[levels];
    for (int b = 0; b < levels; b++) {
      int w = 1 << b;
      int[] idx = new int[L];
      for (int i = 0; i < L; i++) {
        idx[i] = (i + w) % L;
      }
      h[b] = VectorShuffle.fromArray(S, idx, 0);
    }
    return h;
  }

  static float max(float[] x, int off, int len) {
    int i = 0;
    float m = Float.NEGATIVE_INFINITY;
    if (len >= L) {
      FloatVector acc = FloatVector.fromArray(S, x, off);
      for (i = L; i <= len - L; i += L) {
        acc = acc.max(FloatVector.fromArray(S, x, off + i));
      }
      m = acc.reduceLanes(VectorOperators.MAX);
    }
    for (; i < len; i++) {
      m = Math.max(m, x[off + i]);
    }
    return m;
  }

  static float min(float[] x, int off, int len) {
    int i = 0;
    float m = Float.POSITIVE_INFINITY;
    if (len >= L) {
      FloatVector acc = FloatVector.fromArray(S, x, off);
      for (i = L; i <= len - L; i += L) {
        acc = acc.min(FloatVector.fromArray(S, x, off + i));
      }
      m = acc.reduceLanes(VectorOperators.MIN);
    }
    for (; i < len; i++) {
      m = Math.min(m, x[off + i]);
    }
    return m;
  }

  /** The first index of the largest of {@code len} values at stride {@code stride}, or of NaN. */
  static float argmax(float[] x, int off, int len, int stride) {
    int best = 0;
    float bv = x[off];
    if (bv != bv) {
      return 0f;
    }
    for (int i = 1; i < len; i++) {
      float v = x[off + i * stride];
      if (v != v) {
        return i;
      }
      if (v > bv) {
        bv = v;
        best = i;
      }
    }
    return best;
  }

  /** Argmax down each of {@code inner} columns of a {@code [len, inner]} block. */
  private static void argmaxColumns(float[] x, int src, int len, int inner, float[] out, int dst) {
    int j = 0;
    for (int bound = S.loopBound(inner); j < bound; j += L) {
      FloatVector best = FloatVector.fromArray(S, x, src + j);
      FloatVector idx = FloatVector.zero(S);
      VectorMask<Float> nan = best.test(VectorOperators.IS_NAN);
      for (int a = 1; a < len; a++) {
        FloatVector v = FloatVector.fromArray(S, x, src + a * inner + j);
        VectorMask<Float> take = v.compare(VectorOperators.GT, best)
            .or(v.test(VectorOperators.IS_NAN)).andNot(nan);
        best = best.blend(v, take);
        idx = idx.blend((float) a, take);
        nan = nan.or(v.test(VectorOperators.IS_NAN));
      }
      idx.intoArray(out, dst + j);
    }
    for (; j < inner; j++) {
      out[dst + j] = argmax(x, src + j, len, inner);
    }
  }
}
