package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Data-parallel training on Spark, bit-identical to one process training with {@code
 * TrainingConfig.shards(workers)}: the driver side.
 *
 * <p>The run is cut into segments of {@link Builder#segmentEpochs(int)} epochs. Each segment is
 * one barrier stage of {@code workers} tasks ({@link SegmentWork}): the tasks exchange addresses
 * once, then train with gradients summed over their own sockets in rank order — no Spark call
 * per step. A segment ends in a checkpoint, which the next segment resumes from. When a task
 * fails, Spark reruns the segment's stage; when the stage fails for good, the driver reruns the
 * segment from the last checkpoint, at most {@link Builder#segmentRetries(int)} times.
 *
 * <p>The data are broadcast to the tasks once per run, so they must fit in a worker's memory;
 * every worker reads only its shard of each global batch. Owned by the driver thread; one fit
 * at a time. The {@link JavaSparkContext} belongs to the caller.
 */
public final class SparkTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

  private final JavaSparkContext spark;
  private final int workers;
  private final int segmentEpochs;
  private final int segmentRetries;
  private final int timeoutMillis;
  private final Path checkpointDirectory;

  private SparkTrainer(Builder b) {
    this.spark = Objects.requireNonNull(b.spark, "spark");
    this.workers = b.workers;
    this.segmentEpochs = b.segmentEpochs;
    this.segmentRetries = b.segmentRetries;
    this.timeoutMillis = b.timeoutMillis;
    this.checkpointDirectory = b.checkpointDirectory;
  }

  public static Builder builder(JavaSparkContext spark) {
    return new Builder(spark);
  }

  public int workers() {
    return workers;
  }

  /** Trains {@code job} on {@code train}, validating on {@code validation}, over the workers. */
  public SparkRun fit(TrainingJob job, Dataset train, Dataset validation) {
    int epochs = job.config().epochs();
    Broadcast<DatasetWire> trainWire = spark.broadcast(DatasetWire.of(train));
    Broadcast<DatasetWire> validationWire = spark.broadcast(DatasetWire.of(validation));
    try {
      SegmentResult last = null;
      int segment = 0;
      int retries = 0;
      int failures = 0;
      for (int done = 0; done < epochs; ) {
        int end = Math.min(epochs, done + segmentEpochs);
        SegmentWork work = new SegmentWork(job, trainWire, validationWire,
            last == null ? null : last.checkpoint(), segment, end, timeoutMillis);
        SegmentResult result;
        try {
          result = BarrierStage.run(spark, workers, work);
        } catch (RuntimeException e) {
          failures++;
          if (failures > segmentRetries) {
            throw new IllegalStateException("segment " + segment + " (epochs " + (done + 1)
                + ".." + end + ") failed " + failures + " times; last error: "
                + rootMessage(e), e);
          }
          retries++;
          LOG.warn("segment {} (epochs {}..{}) failed ({}); rerunning it from {}", segment,
              done + 1, end, rootMessage(e), last == null ? "the start" : "the last checkpoint");
          continue;
        }
        failures = 0;
        last = result;
        segment++;
        done = end;
        if (checkpointDirectory != null && result.checkpoint() != null) {
          save(result.checkpoint(), segment);
        }
        if (result.history().stopReason() != dev.disciplina.trainer.StopReason.COMPLETED) {
          break;
        }
      }
      return new SparkRun(last.history().toHistory(), last.weights(), segment, retries);
    } finally {
      trainWire.destroy();
      validationWire.destroy();
    }
  }

  /**
   * An RDD of rows as a dataset, in the RDD's own order ({@code zipWithIndex}, then sorted by
   * index), so that a rerun or another partitioning gives the same rows in the same places.
   */
  public static Dataset dataset(String name, JavaRDD<LabeledRow> rows, List<String> classNames) {
    List<Tuple2<LabeledRow, Long>> indexed = new ArrayList<>(rows.zipWithIndex().collect());
    indexed.sort((a, b) -> Long.compare(a._2(), b._2()));
    if (indexed.isEmpty()) {
      throw new IllegalArgumentException(name + ": the RDD has no rows");
    }
    int d = indexed.get(0)._1().features().length;
    float[] features = new float[indexed.size() * d];
    int[] labels = new int[indexed.size()];
    for (int i = 0; i < indexed.size(); i++) {
      LabeledRow row = indexed.get(i)._1();
      if (row.features().length != d) {
        throw new IllegalArgumentException(name + ": row " + i + " has "
            + row.features().length + " features, row 0 has " + d);
      }
      System.arraycopy(row.features(), 0, features, i * d, d);
      labels[i] = row.label();
    }
    return Dataset.classification(name, features, d, labels, classNames);
  }

  /** Writes a segment's checkpoint under the checkpoint directory atomically. */
  private void save(Map<String, byte[]> files, int segment) {
    try {
      Files.createDirectories(checkpointDirectory);
      Path target = checkpointDirectory.resolve(String.format("segment-%04d", segment));
      Path tmp = Files.createTempDirectory(checkpointDirectory, ".tmp-segment-");
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
      }
      if (Files.exists(target)) {
        throw new IOException(target + " exists already");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving segment " + segment + " into " + checkpointDirectory
          + " failed: " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.toString();
    while (t != null) {
      if (t instanceof CollectiveException || t.getCause() == null) {
        message = t.getMessage();
        break;
      }
      t = t.getCause();
    }
    return message;
  }

  /** Settings of a {@link SparkTrainer}. */
  public static final class Builder {
    private final JavaSparkContext spark;
    private int workers;
    private int segmentEpochs = 1;
    private int segmentRetries = 2;
    private int timeoutMillis = 120_000;
    private Path checkpointDirectory;

    private Builder(JavaSparkContext spark) {
      this.spark = spark;
      this.workers = spark == null ? 1 : spark.defaultParallelism();
    }

    /** The number of barrier tasks (default: Spark's default parallelism). */
    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    /** Epochs per segment, each a barrier stage ending in a checkpoint (default 1). */
    public Builder segmentEpochs(int epochs) {
      this.segmentEpochs = epochs;
      return this;
    }

    /** How often the driver reruns a failed segment from the last checkpoint (default 2). */
    public Builder segmentRetries(int retries) {
      this.segmentRetries = retries;
      return this;
    }

    /** How long a worker waits for a peer before failing the group (default 120 s). */
    public Builder timeoutMillis(int millis) {
      this.timeoutMillis = millis;
      return this;
    }

    /** Where the driver keeps every segment's checkpoint (default: nowhere, memory only). */
    public Builder checkpointDirectory(Path directory) {
      this.checkpointDirectory = directory;
      return this;
    }

    public SparkTrainer build() {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + workers);
      }
      if (segmentEpochs < 1) {
        throw new IllegalArgumentException("segment epochs must be at least 1, got "
            + segmentEpochs);
      }
      if (segmentRetries < 0) {
        throw new IllegalArgumentException("segment retries must be >= 0, got " + segmentRetries);
      }
      if (timeoutMillis < 1) {
        throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeoutMillis);
      }
      return new SparkTrainer(this);
    }
  }
}
