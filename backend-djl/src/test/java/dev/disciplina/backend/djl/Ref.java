package dev.disciplina.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Shape;
import java.util.SplittableRandom;

/** Plain-Java double references and tolerance checks for the kernel tests. */
final class Ref {

  private Ref() {}

  /** The shared {@code djl} backend, as {@link Backends} makes it. */
  static DjlBackend backend() {
    return (DjlBackend) Backends.named(DjlBackendProvider.NAME);
  }

  /** Fills with values uniform in [lo, hi) from a fixed seed. */
  static float[] random(long seed, int n, double lo, double hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return v;
  }

  /** Asserts {@code |actual - expected| <= atol + rtol * |expected|} element by element. */
  static void close(float[] actual, double[] expected, double rtol, double atol, String what) {
    assertThat(actual).as(what + ": length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e)) {
        assertThat(Double.isNaN(a)).as(what + " at " + i + ": expected NaN, got " + a).isTrue();
        continue;
      }
      if (Double.isInfinite(e)) {
        assertThat(a).as(what + " at " + i).isEqualTo(e);
        continue;
      }
      double tol = atol + rtol * Math.abs(e);
      assertThat(Math.abs(a - e))
          .as(what + " at " + i + ": got " + a + ", expected " + e + " (tolerance " + tol + ")")
          .isLessThanOrEqualTo(tol);
    }
  }

  /** The flat index into {@code from} (broadcast to {@code to}) for flat index {@code i} of {@code to}. */
  static int broadcastIndex(Shape from, Shape to, int i) {
    int[] t = to.toArray();
    int[] f = from.toArray();
    int off = t.length - f.length;
    int index = 0;
    int stride = 1;
    for (int d = t.length - 1; d >= 0; d--) {
      int coord = i % t[d];
      i /= t[d];
      if (d >= off) {
        int fd = f[d - off];
        index += (fd == 1 ? 0 : coord) * stride;
        stride *= fd;
      }
    }
    return index;
  }
}
