package dev.disciplina.api.loss;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.tensor.Tensor;
import java.util.OptionalDouble;

/**
 * A differentiable training signal: a scalar that is small when the model's output matches the
 * target. Losses train; metrics ({@code dev.disciplina.api.metrics}) are for people.
 *
 * <p>Every loss here takes the model's raw output (logits for classification) and a target
 * tensor of the same shape, and returns the mean over the batch, so that the gradient's size does
 * not depend on the batch size.
 */
public interface Loss {

  /** The mean loss of {@code output} against {@code target} (same shape), as a scalar. */
  Variable apply(Variable output, Tensor target);

  /** A short name for reports: {@code cross_entropy}, {@code mse}, {@code bce}. */
  String name();

  /**
   * How this loss wants the targets of {@code data} encoded. The default: one-hot rows for class
   * labels, the values themselves for regression (mean squared error trains on either). A loss
   * that cannot train on {@code data} throws with a one-line reason.
   */
  default TargetEncoding targetEncoding(Dataset data) {
    return data.isClassification() ? TargetEncoding.ONE_HOT : TargetEncoding.VALUES;
  }

  /**
   * The loss of a model that knows nothing, on a task of {@code classes} balanced classes, when
   * this loss has such a level ({@code ln K} for a K-class softmax cross-entropy); empty when it
   * does not. The diagnosis compares losses against it.
   */
  default OptionalDouble chanceLoss(int classes) {
    return OptionalDouble.empty();
  }

  /** Softmax cross-entropy from logits; targets are one-hot rows (or distributions). */
  static Loss softmaxCrossEntropy() {
    return new SoftmaxCrossEntropy();
  }

  /** Mean squared error. */
  static Loss meanSquaredError() {
    return new MeanSquaredError();
  }

  /** Binary cross-entropy from logits; targets are 0 or 1 (or probabilities). */
  static Loss binaryCrossEntropy() {
    return new BinaryCrossEntropy();
  }
}
