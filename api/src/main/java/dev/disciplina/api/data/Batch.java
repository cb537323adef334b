package dev.disciplina.api.data;

import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.Objects;

/**
 * One iteration's worth of examples: which rows of a {@link Dataset}, in which order.
 *
 * <p>A batch is a cheap view until its tensors are asked for: {@link #inputs()} and {@link
 * #targets(TargetEncoding)} copy the rows into new tensors owned by the current {@link
 * dev.disciplina.api.tensor.Scope} — typically the iteration's scope, so they are freed with it.
 */
public final class Batch {

  private final Dataset dataset;
  private final int[] indices;
  private final int number;

  /** Rows {@code indices} of {@code dataset}; {@code number} counts batches in an epoch from 0. */
  public Batch(Dataset dataset, int[] indices, int number) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    if (indices.length == 0) {
      throw new IllegalArgumentException("a batch needs at least one example");
    }
    for (int i : indices) {
      Objects.checkIndex(i, dataset.size());
    }
    this.indices = indices.clone();
    this.number = number;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** The position of this batch in its epoch, from 0. */
  public int number() {
    return number;
  }

  /** The number of examples. */
  public int size() {
    return indices.length;
  }

  /** A copy of the dataset rows in this batch, in order. */
  public int[] indices() {
    return indices.clone();
  }

  /** The dataset row of this batch's {@code k}-th example. */
  public int index(int k) {
    return indices[k];
  }

  /** The features as a {@code [size, features]} tensor in the current scope. */
  public Tensor inputs() {
    int d = dataset.featureCount();
    float[] x = new float[indices.length * d];
    dataset.copyFeatures(indices, x);
    return Tensor.of(Shape.of(indices.length, d), x);
  }

  /** The class labels, in batch order. */
  public int[] labels() {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = dataset.label(indices[k]);
    }
    return out;
  }

  /** The real targets, row-major {@code [size, width]}, in batch order (regression). */
  public float[] targetValues() {
    float[] out = new float[indices.length * dataset.targetWidth()];
    dataset.copyTargets(indices, out);
    return out;
  }

  /** The target tensor in {@code encoding}, in the current scope. */
  public Tensor targets(TargetEncoding encoding) {
    switch (encoding) {
      case ONE_HOT:
        return Tensor.oneHot(labels(), dataset.classCount());
      case LABEL_COLUMN: {
        if (dataset.classCount() != 2) {
          throw new IllegalStateException("LABEL_COLUMN targets need two classes; dataset '"
              + dataset.name() + "' has " + dataset.classCount()
              + (dataset.isClassification() ? "" : " (it is a regression dataset)"));
        }
        int[] l = labels();
        float[] column = new float[l.length];
        for (int k = 0; k < l.length; k++) {
          column[k] = l[k];
        }
        return Tensor.of(Shape.of(l.length, 1), column);
      }
      case VALUES:
        if (dataset.isClassification()) {
          throw new IllegalStateException("VALUES targets need real targets; dataset '"
              + dataset.name() + "' is a classification dataset (use ONE_HOT or LABEL_COLUMN)");
        }
        return Tensor.of(Shape.of(indices.length, dataset.targetWidth()), targetValues());
      default:
        throw new IllegalArgumentException("unknown target encoding " + encoding);
    }
  }

  @Override
  public String toString() {
    return "Batch(" + number + ", " + indices.length + " of " + dataset.name() + ")";
  }
}
