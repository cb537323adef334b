package dev.disciplina.distributed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.distributed.spark.DigitsRuns.Job;
import dev.disciplina.distributed.spark.DigitsRuns.Optim;
import dev.disciplina.distributed.spark.DigitsRuns.Result;
import dev.disciplina.trainer.ShardReducer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The equivalence rules on {@code local[N]}, one Spark context per subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SparkEquivalenceKit {

  static final int EPOCHS = 3;

  private JavaSparkContext spark;

  /** The number of workers, and of local Spark threads. */
  protected abstract int workers();

  static JavaSparkContext localSpark(int threads) {
    return new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]")
        .setAppName("disciplina-test").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @BeforeAll
  void startSpark() {
    spark = localSpark(workers());
    spark.setLogLevel("WARN");
  }

  @AfterAll
  void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  private SparkRun onSpark(Optim optim) {
    return SparkTrainer.builder(spark).workers(workers()).segmentEpochs(2).timeoutMillis(60_000)
        .build().fit(new Job(optim, EPOCHS), DigitsRuns.DIGITS.train(),
            DigitsRuns.DIGITS.validation());
  }

  private void checkEquivalence(Optim optim) {
    SparkRun distributed = onSpark(optim);
    Result sharded = DigitsRuns.train(optim, DigitsRuns.config(EPOCHS).shards(workers()).build(),
        ShardReducer.LOCAL);
    Result plain = DigitsRuns.train(optim, DigitsRuns.config(EPOCHS).build(), ShardReducer.LOCAL);

    assertThat(distributed.segments()).isEqualTo(2);
    assertThat(distributed.history().withoutTimes()).isEqualTo(sharded.history());
    assertThat(DigitsRuns.differingBits(distributed.weights(), sharded.weights())).isZero();
    assertThat(DigitsRuns.maxDifference(distributed.weights(), plain.weights())).isLessThan(1e-6);
  }

  @Test
  @DisplayName("SGD with momentum on Spark: history and weights bit-identical to one process with as many shards, within 1e-6 of the plain loop")
  void sgdMomentum() {
    checkEquivalence(Optim.SGD_MOMENTUM);
  }

  @Test
  @DisplayName("Adam on Spark: history and weights bit-identical to one process with as many shards, within 1e-6 of the plain loop")
  void adam() {
    checkEquivalence(Optim.ADAM);
  }
}
