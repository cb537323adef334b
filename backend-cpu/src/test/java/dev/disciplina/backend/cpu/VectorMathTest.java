package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deterministic transcendental functions")
class VectorMathTest {

  /** Distance in ulps between two finite floats of the same sign, or 0 when both are equal. */
  static long ulps(float actual, double expected) {
    float e = (float) expected;
    if (Float.compare(actual, e) == 0) {
      return 0;
    }
    return Math.abs((long) Float.floatToIntBits(actual) - Float.floatToIntBits(e));
  }

  static float[] sweep(float low, float high, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = low + (high - low) * i / (n - 1);
    }
    return x;
  }

  @Test
  @DisplayName("exp is within 2 ulp over its whole range, subnormal results included")
  void exp() {
    float[] x = sweep(-103f, 88.7f, 200_001);
    float[] y = new float[x.length];
    VectorMath.exp(x, 0, y, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i]);
      if (e < Float.MIN_NORMAL) {
        assertThat((double) Math.abs(y[i] - (float) e)).as("exp(%s)", x[i])
            .isLessThanOrEqualTo(2 * Float.MIN_VALUE);
      } else {
        assertThat(ulps(y[i], e)).as("exp(%s) = %s", x[i], y[i]).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  @DisplayName("log is within 2 ulp from subnormals to the largest float")
  void log() {
    float[] x = new float[300_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(1 + (int) ((long) i * (0x7F7FFFFFL - 1) / (x.length - 1)));
    }
    float[] y = new float[x.length];
    VectorMath.log(x, 0, y, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertThat(ulps(y[i], Math.log(x[i]))).as("log(%s) = %s", x[i], y[i])
          .isLessThanOrEqualTo(2);
    }
  }

  @Test
  @DisplayName("tanh and sigmoid are within a few ulp of double precision")
  void tanhAndSigmoid() {
    float[] x = sweep(-20f, 20f, 100_001);
    float[] t = new float[x.length];
    float[] s = new float[x.length];
    VectorMath.tanh(x, 0, t, 0, x.length);
    VectorMath.sigmoid(x, 0, s, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      assertThat(ulps(t[i], Math.tanh(x[i]))).as("tanh(%s) = %s", x[i], t[i])
          .isLessThanOrEqualTo(3);
      assertThat(ulps(s[i], 1 / (1 + Math.exp(-x[i])))).as("sigmoid(%s) = %s", x[i], s[i])
          .isLessThanOrEqualTo(3);
    }
  }

  @Test
  @DisplayName("special values: infinities, zeros, NaN and negative logarithms")
  void specials() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    float[] x = {inf, -inf, nan, 0f, -0f, 89f, -200f, -1f};
    float[] e = new float[x.length];
    float[] l = new float[x.length];
    float[] t = new float[x.length];
    float[] s = new float[x.length];
    VectorMath.exp(x, 0, e, 0, x.length);
    VectorMath.log(x, 0, l, 0, x.length);
    VectorMath.tanh(x, 0, t, 0, x.length);
    VectorMath.sigmoid(x, 0, s, 0, x.length);
    assertThat(e).containsExactly(inf, 0f, nan, 1f, 1f, inf, 0f, (float) Math.exp(-1));
    assertThat(l).containsExactly(inf, nan, nan, -inf, -inf, (float) Math.log(89), nan, nan);
    assertThat(t).containsExactly(1f, -1f, nan, 0f, -0f, 1f, -1f, (float) Math.tanh(-1));
    assertThat(s[0]).isEqualTo(1f);
    assertThat(s[1]).isEqualTo(0f);
    assertThat(s[2]).isNaN();
    assertThat(s[3]).isEqualTo(0.5f);
  }

  @Test
  @DisplayName("a value gives the same bits in a full vector and in a masked tail")
  void tailMatchesBody() {
    float[] x = sweep(-30f, 30f, 1001);
    float[][] outs = new float[4][x.length];
    VectorMath.exp(x, 0, outs[0], 0, x.length);
    VectorMath.log(x, 0, outs[1], 0, x.length);
    VectorMath.tanh(x, 0, outs[2], 0, x.length);
    VectorMath.sigmoid(x, 0, outs[3], 0, x.length);
    for (int i = 0; i < x.length; i += 37) {
      float[] one = {x[i]};
      float[] r = new float[1];
      VectorMath.exp(one, 0, r, 0, 1);
      assertThat(r[0]).isEqualTo(outs[0][i]);
      VectorMath.log(one, 0, r, 0, 1);
      assertThat(Float.floatToIntBits(r[0])).isEqualTo(Float.floatToIntBits(outs[1][i]));
      assertThat(Float.floatToIntBits(VectorMath.log(x[i])))
          .isEqualTo(Float.floatToIntBits(outs[1][i]));
      VectorMath.tanh(one, 0, r, 0, 1);
      assertThat(r[0]).isEqualTo(outs[2][i]);
      VectorMath.sigmoid(one, 0, r, 0, 1);
      assertThat(r[0]).isEqualTo(outs[3][i]);
    }
  }

  @Test
  @DisplayName("known values are reproduced bit for bit, on any JDK and CPU")
  void goldenBits() {
    float[] x = {0.1f, 1f, -2.5f, 10f, 0.7f};
    float[] out = new float[x.length];
    int[] bits = new int[4 * x.length];
    VectorMath.exp(x, 0, out, 0, x.length);
    copyBits(out, bits, 0);
    VectorMath.log(x, 0, out, 0, x.length);
    copyBits(out, bits, 5);
    VectorMath.tanh(x, 0, out, 0, x.length);
    copyBits(out, bits, 10);
    VectorMath.sigmoid(x, 0, out, 0, x.length);
    copyBits(out, bits, 15);
    assertThat(bits).containsExactly(GOLDEN);
  }

  @Test
  @DisplayName("a checksum over a million results is the same on every JDK and CPU")
  void checksum() {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    float[] x = new float[250_000];
    for (int i = 0; i < x.length; i++) {
      // Every 2^13-th float bit pattern: both signs, all exponents, NaN and infinities.
      x[i] = Float.intBitsToFloat(i * 8192 + 4097);
    }
    float[] out = new float[x.length];
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * x.length);
    for (int f = 0; f < 4; f++) {
      switch (f) {
        case 0 -> VectorMath.exp(x, 0, out, 0, x.length);
        case 1 -> VectorMath.log(x, 0, out, 0, x.length);
        case 2 -> VectorMath.tanh(x, 0, out, 0, x.length);
        default -> VectorMath.sigmoid(x, 0, out, 0, x.length);
      }
      bytes.clear();
      for (float v : out) {
        bytes.putInt(Float.floatToIntBits(v)); // all NaNs alike
      }
      crc.update(bytes.array());
    }
    assertThat(Long.toHexString(crc.getValue())).isEqualTo(CHECKSUM);
  }

  /** Recorded on JDK 17 and checked on JDK 25. */
  static final String CHECKSUM = "b334004b";

  private static void copyBits(float[] v, int[] bits, int at) {
    for (int i = 0; i < v.length; i++) {
      bits[at + i] = Float.floatToIntBits(v[i]);
    }
  }

  /** Recorded from this implementation; a change here means results are no longer repeatable. */
  static final int[] GOLDEN = {
      1066235454, 1076754516, 1034427438, 1185682670, 1073799507, // exp
      -1072472690, 0, 2143289344, 1075010958, -1095328230, // log (log -2.5 is NaN)
      1036787388, 1061353430, -1082355007, 1065353216, 1058715609, // tanh
      1057383689, 1060841128, 1033591688, 1065352454, 1059786330 // sigmoid
  };
}
