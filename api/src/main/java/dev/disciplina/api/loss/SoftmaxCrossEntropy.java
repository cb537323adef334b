package dev.disciplina.api.loss;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import java.util.OptionalDouble;
import dev.disciplina.api.tensor.Tensor;

/**
 * {@code -1/n sum_i sum_k t_ik log softmax(x_i)_k} from logits {@code x} ({@code [n, k]}), in one
 * fused, numerically stable backend call (the log-sum-exp is shifted by each row's maximum).
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override
  public Variable apply(Variable output, Tensor target) {
    return Variable.softmaxCrossEntropy(output, target);
  }

  @Override
  public String name() {
    return "cross_entropy";
  }

  @Override
  public TargetEncoding targetEncoding(Dataset data) {
    if (!data.isClassification()) {
      throw new IllegalArgumentException("loss " + name() + " needs class labels, but '"
          + data.name() + "' is a regression dataset; use mean squared error");
    }
    return TargetEncoding.ONE_HOT;
  }

  /** {@code ln K}: the cross-entropy of the uniform prediction over {@code K} classes. */
  @Override
  public OptionalDouble chanceLoss(int classes) {
    return classes >= 2 ? OptionalDouble.of(Math.log(classes)) : OptionalDouble.empty();
  }
}
