package dev.disciplina.api.loss;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.tensor.Tensor;

/**
 * Binary cross-entropy from logits, {@code mean(max(x, 0) - x y + log(1 + e^-|x|))}: the same as
 * {@code -mean(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))} without its overflow.
 */
public final class BinaryCrossEntropy implements Loss {

  @Override
  public Variable apply(Variable output, Tensor target) {
    return Variable.binaryCrossEntropyWithLogits(output, target);
  }

  @Override
  public String name() {
    return "bce";
  }

  @Override
  public TargetEncoding targetEncoding(Dataset data) {
    if (!data.isClassification()) {
      throw new IllegalArgumentException("loss " + name() + " needs class labels, but '"
          + data.name() + "' is a regression dataset; use mean squared error");
    }
    return TargetEncoding.LABEL_COLUMN;
  }
}
