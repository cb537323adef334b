package dev.disciplina.distributed.spark;

/**
 * Collective operations over a fixed group of {@link #size()} ranks, each calling the same
 * operations in the same order. Sums are in rank order ({@link RankOrderSum}), so every rank
 * ends with the same bits, and those bits equal a single process summing the same vectors in
 * the same order.
 *
 * <p>Owned by one rank's training thread, which calls it; not thread-safe. Closing releases the
 * sockets. After a {@link CollectiveException} the group is broken and must be closed.
 */
public interface Collective extends AutoCloseable {

  int rank();

  int size();

  /** Replaces {@code data}, the same length on every rank, by its rank-order sum over ranks. */
  void allReduceSum(float[] data);

  /** Every rank's {@code mine} (the same length everywhere), indexed by rank. */
  double[][] allGather(double[] mine);

  @Override
  void close();
}
