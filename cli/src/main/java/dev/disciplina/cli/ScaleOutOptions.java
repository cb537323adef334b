package dev.disciplina.cli;

import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.distributed.spark.SparkRun;
import dev.disciplina.distributed.spark.SparkTraining;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TrainingConfig;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code train}'s data-parallel options: {@code --spark MASTER} trains on Spark barrier tasks
 * (gradients summed in rank order over the tasks' own sockets), {@code --shards N} trains in
 * this process with each batch's gradient summed shard by shard, bit-identical to {@code N}
 * Spark workers. The launcher puts Spark on the class path when {@code --spark} is given.
 */
final class ScaleOutOptions {

  @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Spark: local[N] on "
      + "this machine, or a cluster master URL; one worker per shard (--shards, default N of "
      + "local[N]).")
  String master;

  @Option(names = "--shards", paramLabel = "N", description = "Split every batch into N shards "
      + "whose gradients are summed in shard order: in one process, bit-identical to N Spark "
      + "workers; with --spark, the number of workers.")
  Integer shards;

  @Option(names = "--segment-epochs", paramLabel = "N", defaultValue = "1", description = "With "
      + "--spark: epochs per barrier stage, each ending in a checkpoint a failed stage restarts "
      + "from (default: ${DEFAULT-VALUE}).")
  int segmentEpochs;

  /** Checks the options against each other and the run's other options. */
  void check(RunOptions run, CheckpointOptions checkpoints) {
    if (shards != null && shards < 1) {
      throw new UsageException("--shards must be at least 1, got " + shards);
    }
    if (segmentEpochs < 1) {
      throw new UsageException("--segment-epochs must be at least 1, got " + segmentEpochs);
    }
    if (master == null) {
      return;
    }
    if (master.isBlank()) {
      throw new UsageException("--spark needs a master URL such as local[2]");
    }
    if (shards == null && SparkTraining.localThreads(master) == 0) {
      throw new UsageException("--spark " + master + ": give the number of workers with "
          + "--shards N (only local[N] implies it)");
    }
    if (run.runDir != null || run.measureNoiseScale || checkpoints.checkpointDir != null
        || checkpoints.resume != null || checkpoints.saveModel != null
        || checkpoints.maxTime != null) {
      throw new UsageException("--spark trains in Spark's tasks, whose epochs this process does "
          + "not see: --run-dir, --measure-noise-scale, --checkpoint-dir, --resume, --save-model"
          + " and --max-time need a run in this process (use --shards N for the same numbers)");
    }
  }

  /** Whether the run goes to Spark. */
  boolean isSpark() {
    return master != null;
  }

  /** {@code config} with the shards asked for (in this process). */
  TrainingConfig configure(TrainingConfig config) {
    return shards == null || shards == 1 ? config : config.toBuilder().shards(shards).build();
  }

  /** Trains on Spark as the options say. */
  History runOnSpark(Recipe recipe, Backend backend, Split split, PrintWriter out) {
    int workers = shards != null ? shards : SparkTraining.localThreads(master);
    out.printf(Locale.ROOT, "spark %s: %d workers, segments of %d epochs%n", master, workers,
        segmentEpochs);
    out.flush();
    SparkRun run;
    try {
      run = SparkTraining.run(master, workers, segmentEpochs, RecipeJob.of(recipe,
          backend.name()), split.train(), split.validation());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    History h = run.history();
    for (var e : h.epochs()) {
      out.printf(Locale.ROOT, "epoch %d: train_loss %.4f, val_loss %.4f%n", e.epoch(),
          e.trainLoss(), e.validationLoss());
    }
    out.printf(Locale.ROOT, "spark: %d segments, %d rerun by the driver%n", run.segments(),
        run.driverRetries());
    return h;
  }
}
