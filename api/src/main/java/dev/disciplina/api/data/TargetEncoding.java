package dev.disciplina.api.data;

/**
 * How a batch's labels or targets become the target tensor a loss compares the model's output
 * with.
 */
public enum TargetEncoding {
  /** Class labels as {@code [n, classes]} one-hot rows: for softmax cross-entropy. */
  ONE_HOT,
  /** Class labels as a {@code [n, 1]} column of 0s and 1s: for binary cross-entropy on two classes. */
  LABEL_COLUMN,
  /** Real targets as {@code [n, width]}: for regression losses. */
  VALUES
}
