package dev.disciplina.tck;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;

/**
 * A second backend that only makes and copies tensors, so the kit can check that mixing tensors
 * of two backends is rejected before any kernel runs. Its compute kernels fail the test if
 * reached.
 */
final class ForeignBackend implements Backend {

  static final ForeignBackend INSTANCE = new ForeignBackend();

  private static final class ForeignTensor extends Tensor {
    final float[] data;

    ForeignTensor(Shape shape, float[] data) {
      super(INSTANCE, shape);
      this.data = data;
    }

    @Override
    protected void release() {}
  }

  private static AssertionError reached(String kernel) {
    return new AssertionError("kernel '" + kernel + "' was reached with a foreign tensor: the "
        + "api should have rejected the mix of backends first");
  }

  @Override
  public String name() {
    return "foreign";
  }

  @Override
  public Tensor fromArray(Shape shape, float[] data, int offset) {
    float[] copy = new float[shape.size()];
    System.arraycopy(data, offset, copy, 0, copy.length);
    return new ForeignTensor(shape, copy);
  }

  @Override
  public Tensor full(Shape shape, float value) {
    float[] d = new float[shape.size()];
    java.util.Arrays.fill(d, value);
    return new ForeignTensor(shape, d);
  }

  @Override
  public void copyTo(Tensor source, float[] dest, int offset) {
    float[] d = ((ForeignTensor) source).data;
    System.arraycopy(d, 0, dest, offset, d.length);
  }

  @Override
  public Tensor unary(UnaryOp op, Tensor x) {
    throw reached("unary");
  }

  @Override
  public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result) {
    throw reached("binary");
  }

  @Override
  public Tensor scalar(ScalarOp op, Tensor x, float s) {
    throw reached("scalar");
  }

  @Override
  public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
    throw reached("matmul");
  }

  @Override
  public Tensor transpose(Tensor x) {
    throw reached("transpose");
  }

  @Override
  public Tensor reshape(Tensor x, Shape shape) {
    throw reached("reshape");
  }

  @Override
  public Tensor reduce(ReduceOp op, Tensor x, int axis) {
    throw reached("reduce");
  }

  @Override
  public Tensor gatherRows(Tensor x, int[] rows) {
    throw reached("gatherRows");
  }

  @Override
  public void assign(Tensor target, Tensor source) {
    throw reached("assign");
  }

  @Override
  public void axpby(Tensor target, float alpha, Tensor source, float beta) {
    throw reached("axpby");
  }

  @Override
  public void fill(Tensor target, float value) {
    throw reached("fill");
  }
}
