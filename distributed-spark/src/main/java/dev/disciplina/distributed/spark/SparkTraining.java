package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.Dataset;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One distributed run from a master URL, for callers that hold no Spark types (the command
 * line): starts a Spark context on {@code master} ({@code local[N]}, {@code yarn},
 * {@code k8s://...}, {@code spark://...}), trains with a {@link SparkTrainer}, and stops the
 * context. Under {@code spark-submit} the master and settings come from there instead.
 */
public final class SparkTraining {

  private SparkTraining() {}

  /**
   * Trains {@code job} on {@code workers} barrier tasks of a new context on {@code master}
   * (null: the one {@code spark-submit} configured), {@code segmentEpochs} epochs per segment.
   */
  public static SparkRun run(String master, int workers, int segmentEpochs, TrainingJob job,
      Dataset train, Dataset validation) {
    SparkConf conf = new SparkConf().setAppName("disciplina train")
        .setIfMissing("spark.ui.enabled", "false");
    if (master != null) {
      conf.setMaster(master);
      if (master.startsWith("local")) {
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    JavaSparkContext spark;
    try {
      spark = new JavaSparkContext(conf);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot start Spark on master '" + master + "': "
          + e.getMessage(), e);
    }
    try {
      spark.setLogLevel("WARN");
      return SparkTrainer.builder(spark).workers(workers).segmentEpochs(segmentEpochs).build()
          .fit(job, train, validation);
    } finally {
      spark.stop();
    }
  }

  /** The number of task slots {@code local[N]} gives, or 0 for another master. */
  public static int localThreads(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)(,\\d+)?\\]")
        .matcher(master);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    if (master.equals("local")) {
      return 1;
    }
    if (master.equals("local[*]")) {
      return Runtime.getRuntime().availableProcessors();
    }
    return 0;
  }
}
