package dev.disciplina.distributed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.distributed.spark.DigitsRuns.Optim;
import dev.disciplina.distributed.spark.DigitsRuns.Result;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.BatchResult;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.ParamLayout;
import dev.disciplina.trainer.ShardReducer;
import dev.disciplina.trainer.Sharding;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Threads standing for workers, without Spark: the trainer over the mesh all-reduce. */
class LoopbackTrainingTest {

  @Test
  @DisplayName("three workers over loopback sockets end bit-identical to one process with three shards")
  void threeWorkersEqualThreeShards() throws Exception {
    Result reference = DigitsRuns.train(Optim.ADAM, DigitsRuns.config(2).shards(3).build(),
        ShardReducer.LOCAL);
    List<Result> workers = LoopbackGroup.run(3, 30_000, LoopbackGroup.sameHash(3),
        c -> DigitsRuns.train(Optim.ADAM,
            DigitsRuns.config(2).sharding(Sharding.rank(c.rank(), 3)).build(),
            new CollectiveReducer(c)));
    for (Result w : workers) {
      assertThat(w.history()).isEqualTo(reference.history());
      assertThat(DigitsRuns.differingBits(w.weights(), reference.weights())).isZero();
    }
  }

  /**
   * The negative control: each worker steps on its own shard's gradient (scaled to a shard
   * mean) with its own optimizer state, and the workers average their parameters every 4 steps,
   * as parameter-averaging trainers do.
   */
  private static Result parameterAveraging(MeshCollective c, int every) {
    int n = c.size();
    TrainingConfig config = DigitsRuns.config(SparkEquivalenceKit.EPOCHS)
        .sharding(Sharding.rank(c.rank(), n)).build();
    ShardReducer localOnly = (gradientSum, lossSum) -> {
      for (int i = 0; i < gradientSum.length; i++) {
        gradientSum[i] *= n;
      }
      return lossSum * n;
    };
    TrainingListener averaging = new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingContext context, BatchResult result) {
        if (context.iteration() % every == 0) {
          ParamLayout layout = ParamLayout.of(context.model().namedParameters());
          float[] values = layout.packValues();
          c.allReduceSum(values);
          for (int i = 0; i < values.length; i++) {
            values[i] /= n;
          }
          layout.loadValues(values);
        }
      }
    };
    Experiment e = DigitsRuns.experiment(Optim.ADAM);
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Module model = e.model(Rng.seeded(config.seed()).split("model"));
      new Trainer(config, Backends.named("cpu"), List.of(averaging)).withShardReducer(localOnly)
          .fit(model, e.loss(), e.optimizer(model), DigitsRuns.DIGITS.train(),
              DigitsRuns.DIGITS.validation());
      return new Result(null, model.stateDict());
    }
  }

  @Test
  @DisplayName("negative control: parameter averaging every 4 steps differs from the synchronous result by more than 1e-3")
  void parameterAveragingDiffers() throws Exception {
    Result sharded = DigitsRuns.train(Optim.ADAM,
        DigitsRuns.config(SparkEquivalenceKit.EPOCHS).shards(3).build(), ShardReducer.LOCAL);
    List<Result> averaged = LoopbackGroup.run(3, 30_000, LoopbackGroup.sameHash(3),
        c -> parameterAveraging(c, 4));
    assertThat(DigitsRuns.maxDifference(averaged.get(0).weights(), sharded.weights()))
        .isGreaterThan(1e-3);
  }
}
