package dev.disciplina.tck;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;

/**
 * A view of a backend that forwards its primitives and keeps the portable default
 * implementations of the fused operations, so that a backend's fused overrides can be compared
 * with the defaults computed by the same backend's primitives (the kit does; a backend's own
 * tests use it for bit-exact comparisons).
 *
 * <p>It owns nothing: tensors are made and owned by the wrapped backend as usual, and the view may
 * be used from any thread the wrapped backend may.
 */
public final class PrimitivesOnly implements Backend {

  private final Backend b;

  /** A view of {@code b}'s primitives with the default fused operations. */
  public PrimitivesOnly(Backend b) {
    this.b = b;
  }

  @Override public String name() { return b.name(); }
  @Override public Tensor fromArray(Shape s, float[] d, int o) { return b.fromArray(s, d, o); }
  @Override public Tensor full(Shape s, float v) { return b.full(s, v); }
  @Override public void copyTo(Tensor t, float[] d, int o) { b.copyTo(t, d, o); }
  @Override public Tensor oneHot(int[] labels, int classes) { return b.oneHot(labels, classes); }
  @Override public Tensor unary(UnaryOp op, Tensor x) { return b.unary(op, x); }
  @Override public Tensor binary(BinaryOp op, Tensor x, Tensor y, Shape r) { return b.binary(op, x, y, r); }
  @Override public Tensor scalar(ScalarOp op, Tensor x, float s) { return b.scalar(op, x, s); }
  @Override public Tensor matmul(Tensor x, boolean tx, Tensor y, boolean ty) { return b.matmul(x, tx, y, ty); }
  @Override public Tensor transpose(Tensor x) { return b.transpose(x); }
  @Override public Tensor reshape(Tensor x, Shape s) { return b.reshape(x, s); }
  @Override public Tensor broadcastTo(Tensor x, Shape s) { return b.broadcastTo(x, s); }
  @Override public Tensor reduce(ReduceOp op, Tensor x, int axis) { return b.reduce(op, x, axis); }
  @Override public Tensor gatherRows(Tensor x, int[] rows) { return b.gatherRows(x, rows); }
  @Override public void assign(Tensor t, Tensor s) { b.assign(t, s); }
  @Override public void axpby(Tensor t, float a, Tensor s, float c) { b.axpby(t, a, s, c); }
  @Override public void fill(Tensor t, float v) { b.fill(t, v); }
}
