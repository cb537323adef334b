package dev.disciplina.trainer;

/**
 * The one summation every path uses, so that they agree bit for bit: element {@code i} of the
 * result is {@code ((0 + c[0][i]) + c[1][i]) + ... + c[N-1][i]} in float arithmetic, in rank
 * order. The mesh all-reduce applies it to the slice each rank owns; single-process training
 * with {@code --shards N} applies it to the whole vector. Stateless.
 */
public final class RankOrderSum {

  private RankOrderSum() {}

  /** Writes the rank-order sum of {@code copies[*][from, to)} into {@code out[from, to)}. */
  public static void sum(float[][] copies, int from, int to, float[] out) {
    for (int i = from; i < to; i++) {
      out[i] = 0f;
    }
    for (float[] copy : copies) {
      for (int i = from; i < to; i++) {
        out[i] += copy[i];
      }
    }
  }

  /** The rank-order sum of whole vectors, in a new array. */
  public static float[] sum(float[][] copies) {
    if (copies.length == 0) {
      throw new IllegalArgumentException("nothing to sum");
    }
    float[] out = new float[copies[0].length];
    for (float[] copy : copies) {
      if (copy.length != out.length) {
        throw new IllegalArgumentException("vectors of different lengths: " + out.length
            + " and " + copy.length);
      }
    }
    sum(copies, 0, out.length, out);
    return out;
  }

  /** The rank-order sum of doubles: {@code ((0 + v[0]) + v[1]) + ...}. */
  public static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
