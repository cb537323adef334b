package dev.disciplina.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic float32 {@code exp}, {@code log}, {@code tanh} and {@code sigmoid}, vectorised.
 *
 * <p><b>Why not {@code lanewise(EXP)} or {@link Math#exp}.</b> The Vector API's transcendental
 * operators are implemented by whatever the JDK links in (Intel SVML stubs on some JDKs and CPUs,
 * a scalar fallback elsewhere), and {@code Math}'s may be intrinsified differently from one JDK to
 * the next: results can differ in the last bit between JDK 17 and 25 or between machines. These
 * functions are built only from operations IEEE 754 defines exactly — add, multiply, fused
 * multiply-add, division, comparisons, integer bit manipulation — with the Cephes polynomials for
 * {@code expf}, {@code logf} and {@code tanhf}. Each lane is computed independently, so the same
 * input gives the same bits on any JDK, any CPU, in the interpreter or compiled, whatever the
 * vector width. Accuracy is within 2 ulp of the correctly rounded float result over the whole
 * range, including subnormal outputs, infinities and NaN.
 *
 * <p>Array tails shorter than a vector are computed with masked loads and stores, which give the
 * same bits as a full vector.
 */
final class VectorMath {

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, ties to even. */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = 0x4B400000;
  private static final float EXP_MIN = -104f;
  private static final float EXP_MAX = 89f;
  private static final float SQRT_HALF = 0.707106781186547524f;
  private static final float FLOAT_MIN_NORMAL = Float.MIN_NORMAL;

  private VectorMath() {}

  private static FloatVector c(float value) {
    return FloatVector.broadcast(S, value);
  }

  // ------------------------------------------------------------------ lane functions

  /** {@code e^x} in every lane. */
  static FloatVector exp(FloatVector x) {
    // Clamped so that n stays in [-150, 129]; beyond, the result is 0 or +inf anyway. NaN stays.
    FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector t = xc.fma(LOG2E, ROUNDER);
    FloatVector n = t.sub(ROUNDER);
    IntVector ni = t.reinterpretAsInts().sub(ROUNDER_BITS);
    FloatVector r = n.fma(c(-LN2_HI), xc);
    r = n.fma(c(-LN2_LO), r);
    FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
    p = p.fma(r, c(8.3334519073e-3f));
    p = p.fma(r, c(4.1665795894e-2f));
    p = p.fma(r, c(1.6666665459e-1f));
    p = p.fma(r, c(5.0000001201e-1f));
    FloatVector r2 = r.mul(r);
    p = p.fma(r2, r).add(1f);
    // 2^n as two factors 2^(n>>1) * 2^(n - (n>>1)), each a normal float for n in [-150, 129].
    IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
    IntVector rest = ni.sub(half);
    FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = rest.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector y = p.mul(s1).mul(s2);
    // NaN lanes: the clamp keeps NaN, but the integer path could scramble it; restore it.
    return y.blend(x, x.test(VectorOperators.IS_NAN));
  }

  /** The natural logarithm in every lane: NaN below 0, -inf at 0, +inf at +inf. */
  static FloatVector log(FloatVector x) {
    // Scale subnormals up by 2^23 so the exponent field is meaningful.
    VectorMask<Float> tiny = x.lt(FLOAT_MIN_NORMAL);
    FloatVector xs = x.blend(x.mul(8388608f), tiny);
    IntVector bits = xs.reinterpretAsInts();
    IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
    // Mantissa in [0.5, 1).
    FloatVector m = bits.and(0x807FFFFF).or(0x3F000000).reinterpretAsFloats();
    FloatVector ef = e.convert(VectorOperators.I2F, 0).reinterpretAsFloats();
    ef = ef.blend(ef.sub(23f), tiny);
    VectorMask<Float> small = m.lt(SQRT_HALF);
    ef = ef.blend(ef.sub(1f), small);
    FloatVector z0 = m.blend(m.add(m), small).sub(1f);
    FloatVector z2 = z0.mul(z0);
    FloatVector y = z0.fma(7.0376836292e-2f, -1.1514610310e-1f);
    y = y.fma(z0, c(1.1676998740e-1f));
    y = y.fma(z0, c(-1.2420140846e-1f));
    y = y.fma(z0, c(1.4249322787e-1f));
    y = y.fma(z0, c(-1.6668057665e-1f));
    y = y.fma(z0, c(2.0000714765e-1f));
    y = y.fma(z0, c(-2.4999993993e-1f));
    y = y.fma(z0, c(3.3333331174e-1f));
    y = y.mul(z0).mul(z2);
    y = ef.fma(c(LN2_LO), y);
    y = z2.fma(c(-0.5f), y);
    FloatVector result = z0.add(y);
    result = ef.fma(c(LN2_HI), result);
    // Special values.
    result = result.blend(Float.NEGATIVE_INFINITY, x.eq(0f));
    result = result.blend(Float.NaN, x.lt(0f).or(x.test(VectorOperators.IS_NAN)));
    result = result.blend(Float.POSITIVE_INFINITY, x.eq(Float.POSITIVE_INFINITY));
    return result;
  }

  /** The hyperbolic tangent in every lane. */
  static FloatVector tanh(FloatVector x) {
    FloatVector ax = x.abs();
    // |x| < 0.625: odd polynomial (Cephes tanhf).
    FloatVector z = x.mul(x);
    FloatVector p = z.fma(-5.70498872745e-3f, 2.06390887954e-2f);
    p = p.fma(z, c(-5.37397155531e-2f));
    p = p.fma(z, c(1.33314422036e-1f));
    p = p.fma(z, c(-3.33332819422e-1f));
    FloatVector small = p.mul(z).fma(x, x);
    // Otherwise 1 - 2 / (e^(2|x|) + 1), with the sign of x; e^(2|x|) = +inf gives exactly 1.
    FloatVector e = exp(ax.add(ax));
    FloatVector big = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
    big = big.blend(big.neg(), x.lt(0f));
    FloatVector y = big.blend(small, ax.lt(0.625f));
    // NaN stays NaN and a zero keeps its sign.
    return y.blend(x, x.test(VectorOperators.IS_NAN).or(x.eq(0f)));
  }

  /** {@code 1 / (1 + e^-x)} in every lane. */
  static FloatVector sigmoid(FloatVector x) {
    FloatVector e = exp(x.neg());
    return FloatVector.broadcast(S, 1f).div(e.add(1f));
  }

  // ------------------------------------------------------------------ array loops

  /** {@code out[oo + i] = e^x[xo + i]} for {@code i < n}. */
  static void exp(float[] x, int xo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      exp(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      exp(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
    }
  }

  /** {@code out[oo + i] = log(x[xo + i])} for {@code i < n}. */
  static void log(float[] x, int xo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      log(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      log(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
    }
  }

  /** {@code out[oo + i] = tanh(x[xo + i])} for {@code i < n}. */
  static void tanh(float[] x, int xo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      tanh(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
    }
  }

  /** {@code out[oo + i] = sigmoid(x[xo + i])} for {@code i < n}. */
  static void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      sigmoid(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      sigmoid(FloatVector.fromArray(S, x, xo + i, m)).intoArray(out, oo + i, m);
    }
  }

  /** {@code log(x)} of one value, bit-identical to the array loop. */
  static float log(float x) {
    return log(FloatVector.broadcast(S, x)).lane(0);
  }
}
