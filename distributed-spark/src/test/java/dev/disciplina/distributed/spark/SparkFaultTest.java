package dev.disciplina.distributed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.distributed.spark.DigitsRuns.Job;
import dev.disciplina.distributed.spark.DigitsRuns.Optim;
import dev.disciplina.distributed.spark.DigitsRuns.Result;
import dev.disciplina.trainer.BatchResult;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.ShardReducer;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SparkFaultTest {

  /** Failures injected so far (local mode: the tasks run in this JVM). */
  static final AtomicInteger INJECTED = new AtomicInteger();

  /** The digits job whose rank 1 throws at step 30 on the first attempt of its stage. */
  record FailingJob(Job job) implements TrainingJob {
    private static final long serialVersionUID = 1L;

    @Override
    public Experiment experiment() {
      return job.experiment();
    }

    @Override
    public TrainingConfig config() {
      return job.config();
    }

    @Override
    public String backend() {
      return job.backend();
    }

    @Override
    public Trainer customize(Trainer trainer, WorkerInfo worker) {
      if (worker.rank() != 1 || worker.stageAttempt() != 0) {
        return trainer;
      }
      return trainer.withListeners(List.of(new TrainingListener() {
        @Override
        public void onBatchEnd(TrainingContext context, BatchResult result) {
          if (context.iteration() == 30 && INJECTED.compareAndSet(0, 1)) {
            throw new IllegalStateException("injected failure at step 30");
          }
        }
      }));
    }
  }

  @Test
  @DisplayName("a task that throws at step 30 on its first attempt: the segment reruns from the last checkpoint and the run ends bit-identical")
  void recoversBitIdentical() {
    JavaSparkContext spark = SparkEquivalenceKit.localSpark(2);
    spark.setLogLevel("ERROR");
    SparkRun run;
    try {
      run = SparkTrainer.builder(spark).workers(2).segmentEpochs(1).timeoutMillis(60_000).build()
          .fit(new FailingJob(new Job(Optim.SGD_MOMENTUM, SparkEquivalenceKit.EPOCHS)),
              DigitsRuns.DIGITS.train(), DigitsRuns.DIGITS.validation());
    } finally {
      spark.stop();
    }
    Result sharded = DigitsRuns.train(Optim.SGD_MOMENTUM,
        DigitsRuns.config(SparkEquivalenceKit.EPOCHS).shards(2).build(), ShardReducer.LOCAL);

    assertThat(INJECTED.get()).isEqualTo(1);
    assertThat(run.segments()).isEqualTo(SparkEquivalenceKit.EPOCHS);
    assertThat(run.driverRetries()).as("Spark reran the stage itself").isZero();
    assertThat(run.history().withoutTimes()).isEqualTo(sharded.history());
    assertThat(DigitsRuns.differingBits(run.weights(), sharded.weights())).isZero();
  }
}
