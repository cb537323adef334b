package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;

/** Elementwise binary ops with NumPy broadcasting. */
final class Broadcasting {

  private Broadcasting() {}

  static void apply(
      BinaryOp op, INDArray a, Shape sa, INDArray b, Shape sb, INDArray z, Shape out) {
    Nd4jBackend.exec(pairwise(op, a, b, z));
  }

  private static CustomOp pairwise(BinaryOp op, INDArray a, INDArray b, INDArray z) {
    return switch (op) {
      case ADD -> new AddOp(a, b, z);
      case SUB -> new SubOp(a, b, z);
      case MUL -> new MulOp(a, b, z);
      case DIV -> new DivOp(a, b, z);
      case MAX -> new Max(a, b, z);
      case MIN -> new Min(a, b, z);
    };
  }
}
