package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.Shape;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;

/**
 * Elementwise binary ops with NumPy broadcasting.
 *
 * <p>The general case is one libnd4j op ({@code add}, {@code subtract}, {@code multiply}, {@code
 * divide}, {@code maximum}, {@code minimum}), which broadcasts any ranks by NumPy's rules (the
 * tests check every layout up to rank 4 against a reference). Additions and subtractions where
 * the first operand already has the result's shape — equal shapes, a bias row added to every
 * row, a column of per-row values — take a fast path: a copy and one BLAS level-1 or rank-1
 * update, which rounds exactly as the elementwise op does ({@code fma(±1, b, a)} is {@code a ±
 * b} rounded once) and avoids the cost of a libnd4j op.
 */
final class Broadcasting {

  private Broadcasting() {}

  static void apply(
      Nd4jBackend backend, BinaryOp op, INDArray a, Shape sa, INDArray b, Shape sb, INDArray z,
      Shape out) {
    if ((op == BinaryOp.ADD || op == BinaryOp.SUB) && sa.equals(out)) {
      float sign = op == BinaryOp.ADD ? 1f : -1f;
      int n = out.size();
      if (sb.equals(out)) {
        Nd4jBackend.copy(a, 0, z, 0, n);
        openblas_nolapack.cblas_saxpy(n, sign, Nd4jBackend.floats(b), 1, Nd4jBackend.floats(z), 1);
        return;
      }
      int k = out.dim(-1);
      int rows = n / k;
      if (sb.size() == k && (sb.rank() == 0 || sb.dim(-1) == k)) { // a row broadcast down
        Nd4jBackend.copy(a, 0, z, 0, n);
        backend.withOnes(rows, ones -> openblas_nolapack.cblas_sger(
            openblas_nolapack.CblasRowMajor, rows, k, sign, ones, 1, Nd4jBackend.floats(b), 1,
            Nd4jBackend.floats(z), k));
        return;
      }
      if (sb.rank() > 0 && sb.dim(-1) == 1 && sb.size() == rows) { // a column broadcast across
        Nd4jBackend.copy(a, 0, z, 0, n);
        backend.withOnes(k, ones -> openblas_nolapack.cblas_sger(
            openblas_nolapack.CblasRowMajor, rows, k, sign, Nd4jBackend.floats(b), 1, ones, 1,
            Nd4jBackend.floats(z), k));
        return;
      }
    }
    if (op == BinaryOp.ADD && sb.equals(out) && !sa.equals(out)) {
      apply(backend, op, b, sb, a, sa, z, out); // addition commutes
      return;
    }
    Nd4jBackend.exec(general(op, a, b, z));
  }

  private static CustomOp general(BinaryOp op, INDArray a, INDArray b, INDArray z) {
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
