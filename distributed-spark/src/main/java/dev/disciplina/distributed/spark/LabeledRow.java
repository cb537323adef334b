package dev.disciplina.distributed.spark;

import java.io.Serializable;

/**
 * One example of a Spark RDD: its features and class label. {@link SparkTrainer#dataset} turns
 * an RDD of them into a dataset in a fixed order (the RDD's own order, by {@code zipWithIndex}),
 * so that the global batches of a run do not depend on how Spark partitioned or retried it.
 */
public record LabeledRow(float[] features, int label) implements Serializable {

  private static final long serialVersionUID = 1L;
}
