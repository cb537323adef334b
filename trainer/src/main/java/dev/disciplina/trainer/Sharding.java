package dev.disciplina.trainer;

/**
 * How the loop computes the gradient of one global batch: cut into {@code count} contiguous
 * shards ({@link Shares}), of which this process computes {@code local} consecutive ones starting
 * at {@code first}. Each computed shard runs forward and backward on its own; the shards'
 * gradient sums (gradient of the shard's mean loss times its size) are added in shard order
 * ({@link RankOrderSum}), handed to the run's {@link ShardReducer} (which, across workers, adds
 * the other ranks' sums in rank order), and divided by the global batch size before the
 * optimizer step.
 *
 * <p>{@link #none()} is the plain loop. {@link #all(int)} is single-process training that is
 * bit-identical to {@code count} workers; {@link #rank(int, int)} is one worker of such a group.
 */
public record Sharding(int count, int first, int local) {

  public Sharding {
    if (count < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + count);
    }
    if (first < 0 || local < 1 || first + local > count) {
      throw new IllegalArgumentException("local shards [" + first + ", " + (first + local)
          + ") are outside the " + count + " shards");
    }
  }

  /** The plain loop: the whole batch at once. */
  public static Sharding none() {
    return new Sharding(1, 0, 1);
  }

  /** One process computing all {@code count} shards in order. */
  public static Sharding all(int count) {
    return new Sharding(count, 0, count);
  }

  /** Worker {@code rank} of {@code count}, computing its own shard only. */
  public static Sharding rank(int rank, int count) {
    if (rank < 0 || rank >= count) {
      throw new IllegalArgumentException("rank " + rank + " is outside a group of " + count);
    }
    return new Sharding(count, rank, 1);
  }

  /** Whether the loop splits batches at all. */
  public boolean isSharded() {
    return count > 1;
  }
}
