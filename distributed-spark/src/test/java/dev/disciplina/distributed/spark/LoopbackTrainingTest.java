package dev.disciplina.distributed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.distributed.spark.DigitsRuns.Optim;
import dev.disciplina.distributed.spark.DigitsRuns.Result;
import dev.disciplina.trainer.ShardReducer;
import dev.disciplina.trainer.Sharding;
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
}
