package dev.disciplina.trainer;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.ExampleKeys;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import java.util.Arrays;

/**
 * The gradient of one global batch under a {@link Sharding}: every local shard forward and
 * backward on its own, the shards' gradient sums added in shard order, the other workers' added
 * by the {@link ShardReducer}, then divided by the global batch size. Owned by one run.
 */
final class ShardedStep {

  private final Sharding sharding;
  private final ShardReducer reducer;
  private final Module model;
  private final Loss loss;
  private final TargetEncoding encoding;
  private final Optimizer optimizer;
  private final Backend backend;
  private final ParamLayout layout;
  private final float[][] shardSums;
  private final double[] lossSums;
  private final float[] sum;

  ShardedStep(Sharding sharding, ShardReducer reducer, Module model, Loss loss,
      TargetEncoding encoding, Optimizer optimizer, Backend backend) {
    refuseBatchDependentLayers(model, "", sharding);
    this.sharding = sharding;
    this.reducer = reducer;
    this.model = model;
    this.loss = loss;
    this.encoding = encoding;
    this.optimizer = optimizer;
    this.backend = backend;
    this.layout = ParamLayout.of(model.namedParameters());
    this.shardSums = new float[sharding.local()][layout.size()];
    this.lossSums = new double[sharding.local()];
    this.sum = new float[layout.size()];
  }

  /**
   * Fails unless every batch of an epoch over {@code examples} has at least one example per
   * shard (the short last batch included), naming the sizes.
   */
  static void checkBatches(dev.disciplina.api.data.Batching batching, int examples,
      Sharding sharding) {
    int b = batching.batchSize();
    int smallest = examples < b ? examples
        : batching.dropLast() || examples % b == 0 ? b : examples % b;
    if (smallest < sharding.count()) {
      throw new IllegalArgumentException("a batch of " + smallest + " examples (batch size " + b
          + ", " + examples + " training examples" + (batching.dropLast() ? "" : ", short last"
          + " batch kept") + ") cannot be split into " + sharding.count() + " non-empty shards;"
          + " use a batch size of at least " + sharding.count()
          + (batching.dropLast() ? "" : " or drop-last"));
    }
  }

  /**
   * A layer whose output depends on how a batch is split would make the result depend on the
   * number of shards: refused by name. (Dropout masks are keyed by example, {@link ExampleKeys},
   * so dropout is allowed.)
   */
  private static void refuseBatchDependentLayers(Module m, String path, Sharding sharding) {
    if (m instanceof BatchNorm1d) {
      throw new IllegalArgumentException("layer '" + (path.isEmpty() ? "model" : path)
          + "' is " + m + ": its batch statistics would be those of one shard, not of the global"
          + " batch, so " + sharding.count() + " shards would train a different model; remove it"
          + " or train without shards");
    }
    m.children().forEach((name, child) ->
        refuseBatchDependentLayers(child, path.isEmpty() ? name : path + "." + name, sharding));
  }

  /**
   * Computes and reduces the batch's gradient, leaves the global batch's mean gradient in the
   * parameters' gradients and calls {@code hooksAndStep} when the loss is finite; returns the
   * global batch's mean loss.
   */
  double run(int epoch, Batch batch, Runnable hooksAndStep) {
    int total = batch.size();
    int[] bounds = Shares.bounds(total, sharding.count());
    int[] rows = batch.indices();
    for (int k = 0; k < sharding.local(); k++) {
      int s = sharding.first() + k;
      int size = bounds[s + 1] - bounds[s];
      if (size == 0) {
        throw new IllegalStateException("batch " + batch.number() + " has " + total
            + " examples, fewer than the " + sharding.count() + " shards: shard " + s
            + " is empty; use a batch size of at least " + sharding.count() + " (and drop-last"
            + " when the last batch would be smaller)");
      }
      Batch part = new Batch(batch.dataset(), Arrays.copyOfRange(rows, bounds[s], bounds[s + 1]),
          batch.number());
      long[] ids = new long[size];
      for (int i = 0; i < size; i++) {
        ids[i] = rows[bounds[s] + i];
      }
      try (Scope shard = Scope.open(backend);
          ExampleKeys.Activation keys = ExampleKeys.enter(epoch, ids)) {
        optimizer.zeroGrad();
        Variable out = model.forward(part.inputs());
        Variable l = loss.apply(out, part.targets(encoding));
        double value = l.value().item();
        l.backward();
        layout.packGradients(shardSums[k], size);
        lossSums[k] = value * size;
      }
    }
    RankOrderSum.sum(shardSums, 0, sum.length, sum);
    double value = reducer.reduce(sum, RankOrderSum.sum(lossSums)) / total;
    if (Double.isFinite(value)) {
      layout.loadGradients(sum, total);
      hooksAndStep.run();
    }
    return value;
  }
}
