package dev.disciplina.trainer;

/**
 * Adds the other workers' shard sums to this process's, in rank order, so every worker of a
 * data-parallel group steps its optimizer on the same gradient. Single-process training uses
 * {@link #LOCAL}, which adds nothing. Called by the training thread once per global batch, in
 * the same order on every worker; an implementation that talks to other processes fails the
 * whole run with an exception rather than return a partial sum.
 */
public interface ShardReducer {

  /** A single process: the local sums are the global ones. */
  ShardReducer LOCAL = new ShardReducer() {
    @Override
    public double reduce(float[] gradientSum, double lossSum) {
      return lossSum;
    }

    @Override
    public String toString() {
      return "local";
    }
  };

  /**
   * Replaces {@code gradientSum} (this process's shards' gradient sums, flat in {@link
   * ParamLayout} order) by the rank-order sum over all workers and returns the rank-order sum
   * of {@code lossSum} (each shard's mean loss times its size).
   */
  double reduce(float[] gradientSum, double lossSum);

  /** Whether any worker wants to stop; every worker gets the same answer. */
  default boolean anyStops(boolean mine) {
    return mine;
  }
}
