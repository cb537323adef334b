package dev.disciplina.api.data;

import dev.disciplina.api.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an epoch is cut into batches: a batch size, whether examples are shuffled (by a seeded
 * {@link Rng}, so the same generator gives the same batches), and whether a last, short batch is
 * dropped.
 *
 * <p>Every example appears in exactly one batch of an epoch — or in none, for the at most {@code
 * batchSize - 1} examples a drop-last epoch leaves out. An epoch has {@code ceil(n / batchSize)}
 * batches, or {@code floor(n / batchSize)} with drop-last.
 */
public record Batching(int batchSize, boolean shuffle, boolean dropLast) {

  public Batching {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
  }

  /** Shuffled batches of {@code batchSize}, keeping a short last batch. */
  public static Batching shuffled(int batchSize) {
    return new Batching(batchSize, true, false);
  }

  /** Batches in dataset order, keeping a short last batch: for evaluation. */
  public static Batching sequential(int batchSize) {
    return new Batching(batchSize, false, false);
  }

  /** The number of batches an epoch over {@code n} examples has. */
  public int batchesPerEpoch(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /**
   * The row indices of each batch of an epoch over {@code n} examples; {@code rng} orders them
   * when shuffling and is not touched otherwise.
   */
  public List<int[]> indices(int n, Rng rng) {
    int[] order;
    if (shuffle) {
      order = rng.permutation(n);
    } else {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }
    int batches = batchesPerEpoch(n);
    List<int[]> out = new ArrayList<>(batches);
    for (int b = 0; b < batches; b++) {
      int from = b * batchSize;
      out.add(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
    }
    return out;
  }

  /** The batches of one epoch over {@code dataset}. */
  public List<Batch> epoch(Dataset dataset, Rng rng) {
    List<int[]> idx = indices(dataset.size(), rng);
    List<Batch> out = new ArrayList<>(idx.size());
    for (int b = 0; b < idx.size(); b++) {
      out.add(new Batch(dataset, idx.get(b), b));
    }
    return out;
  }

  /** The batches of {@code dataset} in order, for evaluation (never shuffled). */
  public List<Batch> inOrder(Dataset dataset) {
    return new Batching(batchSize, false, dropLast).epoch(dataset, null);
  }
}
