package dev.disciplina.trainer;

/**
 * How {@code total} items are cut into {@code parts} contiguous shares: share {@code r} is
 * {@code [floor(r * total / parts), floor((r + 1) * total / parts))}. The same rule cuts a
 * global batch into the ranks' shards and the flat parameter vector into the slices the ranks
 * own, so sizes differ by at most one (uneven for {@code total} not a multiple of {@code parts}).
 */
public final class Shares {

  private Shares() {}

  /** The {@code parts + 1} boundaries: share {@code r} is {@code [b[r], b[r + 1])}. */
  public static int[] bounds(int total, int parts) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1, got " + parts);
    }
    int[] b = new int[parts + 1];
    for (int r = 0; r <= parts; r++) {
      b[r] = (int) ((long) r * total / parts);
    }
    return b;
  }

  /** The first item of share {@code rank}. */
  public static int from(int total, int parts, int rank) {
    return bounds(total, parts)[rank];
  }

  /** The item after the last of share {@code rank}. */
  public static int to(int total, int parts, int rank) {
    return bounds(total, parts)[rank + 1];
  }
}
