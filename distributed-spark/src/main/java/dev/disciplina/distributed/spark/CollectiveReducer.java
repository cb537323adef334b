package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.RankOrderSum;
import dev.disciplina.trainer.ShardReducer;

/**
 * The trainer's {@link ShardReducer} over a {@link Collective}: gradient sums all-reduced in rank
 * order, loss sums gathered and added in rank order, stop wishes shared. Owned by one worker's
 * training thread, like its collective.
 */
public final class CollectiveReducer implements ShardReducer {

  private final Collective collective;

  public CollectiveReducer(Collective collective) {
    this.collective = collective;
  }

  @Override
  public double reduce(float[] gradientSum, double lossSum) {
    collective.allReduceSum(gradientSum);
    double[][] losses = collective.allGather(new double[] {lossSum});
    double[] byRank = new double[losses.length];
    for (int r = 0; r < losses.length; r++) {
      byRank[r] = losses[r][0];
    }
    return RankOrderSum.sum(byRank);
  }

  @Override
  public boolean anyStops(boolean mine) {
    for (double[] wish : collective.allGather(new double[] {mine ? 1 : 0})) {
      if (wish[0] != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "all-reduce over " + collective.size() + " ranks (rank " + collective.rank() + ")";
  }
}
