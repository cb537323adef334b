package dev.disciplina.api.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 array of some {@link Shape}, made and held by one {@link Backend} and owned by one
 * {@link Scope}.
 *
 * <p><b>Ownership.</b> A tensor belongs to the scope that was current on its thread when it was
 * made. Closing that scope closes it; so does {@link #close()}. A closed tensor's storage is
 * gone and any use of it is an {@link IllegalStateException}. {@link #moveTo(Scope)} hands a
 * tensor to another scope, to keep a result beyond the scope it was computed in.
 *
 * <p><b>Values.</b> Operations return new tensors and leave their operands unchanged. The only
 * mutating methods are the in-place updates {@link #assign(Tensor)} and {@link #axpby(float,
 * Tensor, float)}, meant for optimizer steps and gradient accumulation.
 *
 * <p><b>Checks.</b> Every operation checks its arguments here, before the backend's kernel is
 * called: closed tensors, tensors of another backend, shapes that do not fit. So every backend
 * gives the same error for the same mistake, and backends implement kernels only.
 *
 * <p><b>Threading.</b> Tensors are not thread-safe; use one from the thread of its scope.
 *
 * <p>Backends subclass this class to hold their storage; users never do.
 */
public abstract class Tensor implements AutoCloseable {

  private final Backend backend;
  private final Shape shape;
  private Scope scope;
  private boolean closed;

  /** Makes a tensor owned by the current scope, which must be on {@code backend}. */
  protected Tensor(Backend backend, Shape shape) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.shape = Objects.requireNonNull(shape, "shape");
    Scope current = Scope.current();
    if (current.backend() != backend) {
      throw new IllegalStateException(
          "a tensor of backend '" + backend.name() + "' cannot be made in a scope of backend '"
              + current.backend().name() + "'");
    }
    this.scope = current;
    current.adopt(this);
  }

  /** Frees this tensor's storage; called exactly once, by {@link #close()} or its scope. */
  protected abstract void release();

  // ------------------------------------------------------------------ factories (current scope)

  /** A tensor of {@code shape} holding a copy of {@code values} (row-major). */
  public static Tensor of(Shape shape, float... values) {
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          "Tensor.of: shape " + shape + " needs " + shape.size() + " values, got " + values.length);
    }
    return checked("Tensor.of", Scope.current().backend().fromArray(shape, values, 0), shape);
  }

  /** A tensor of {@code shape} with values copied from {@code values} starting at {@code offset}. */
  public static Tensor of(Shape shape, float[] values, int offset) {
    if (offset < 0 || values.length - offset < shape.size()) {
      throw new IllegalArgumentException(
          "Tensor.of: shape " + shape + " needs " + shape.size() + " values from offset " + offset
              + ", the array has " + values.length);
    }
    return checked("Tensor.of", Scope.current().backend().fromArray(shape, values, offset), shape);
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return full(Shape.scalar(), value);
  }

  public static Tensor zeros(Shape shape) {
    return full(shape, 0f);
  }

  public static Tensor ones(Shape shape) {
    return full(shape, 1f);
  }

  public static Tensor full(Shape shape, float value) {
    return checked("Tensor.full", Scope.current().backend().full(shape, value), shape);
  }

  /** A {@code [labels.length, classes]} matrix with a 1 at each row's label and 0 elsewhere. */
  public static Tensor oneHot(int[] labels, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("oneHot: classes must be at least 1, got " + classes);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("oneHot: no labels (an empty batch)");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "oneHot: label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
      }
    }
    Shape out = Shape.of(labels.length, classes);
    return checked("oneHot", Scope.current().backend().oneHot(labels, classes), out);
  }

  // ------------------------------------------------------------------ identity

  public final Shape shape() {
    return shape;
  }

  public final Backend backend() {
    return backend;
  }

  /** The scope that owns this tensor. */
  public final Scope scope() {
    return scope;
  }

  public final boolean isClosed() {
    return closed;
  }

  /** Frees this tensor now rather than with its scope. Idempotent. */
  @Override
  public final void close() {
    if (!closed) {
      closeOwned();
      scope.release(this);
    }
  }

  final void closeOwned() {
    if (!closed) {
      closed = true;
      release();
    }
  }

  /** Hands this tensor to {@code target}, which then frees it; returns this tensor. */
  public final Tensor moveTo(Scope target) {
    requireOpen("moveTo");
    if (target.backend() != backend) {
      throw new IllegalArgumentException(
          "moveTo: a tensor of backend '" + backend.name() + "' cannot move to a scope of backend '"
              + target.backend().name() + "'");
    }
    if (target != scope) {
      target.adopt(this);
      scope.release(this);
      scope = target;
    }
    return this;
  }

  // ------------------------------------------------------------------ copy-out

  /** A copy of the values, row-major. */
  public final float[] toArray() {
    requireOpen("toArray");
    float[] out = new float[shape.size()];
    backend.copyTo(this, out, 0);
    return out;
  }

  /** Copies the values into {@code dest} from {@code offset}. */
  public final void copyTo(float[] dest, int offset) {
    requireOpen("copyTo");
    if (offset < 0 || dest.length - offset < shape.size()) {
      throw new IllegalArgumentException(
          "copyTo: " + shape.size() + " values of " + shape + " do not fit in an array of "
              + dest.length + " from offset " + offset);
    }
    backend.copyTo(this, dest, offset);
  }

  /** The single value of a tensor with one element. */
  public final float item() {
    requireOpen("item");
    if (shape.size() != 1) {
      throw new IllegalStateException("item: tensor of shape " + shape + " has " + shape.size()
          + " values, not one");
    }
    float[] out = new float[1];
    backend.copyTo(this, out, 0);
    return out[0];
  }

  // ------------------------------------------------------------------ elementwise

  public final Tensor apply(UnaryOp op) {
    requireOpen(op.name().toLowerCase());
    return checked(op.name().toLowerCase(), backend.unary(op, this), shape);
  }

  public final Tensor neg() { return apply(UnaryOp.NEG); }
  public final Tensor abs() { return apply(UnaryOp.ABS); }
  public final Tensor sign() { return apply(UnaryOp.SIGN); }
  public final Tensor exp() { return apply(UnaryOp.EXP); }
  public final Tensor log() { return apply(UnaryOp.LOG); }
  public final Tensor sqrt() { return apply(UnaryOp.SQRT); }
  public final Tensor square() { return apply(UnaryOp.SQUARE); }
  public final Tensor reciprocal() { return apply(UnaryOp.RECIPROCAL); }
  public final Tensor tanh() { return apply(UnaryOp.TANH); }
  public final Tensor sigmoid() { return apply(UnaryOp.SIGMOID); }
  public final Tensor relu() { return apply(UnaryOp.RELU); }
  public final Tensor step() { return apply(UnaryOp.STEP); }

  /** {@code this op other}, broadcasting both to a common shape. */
  public final Tensor apply(BinaryOp op, Tensor other) {
    String name = op.name().toLowerCase();
    requireCompatible(name, other);
    Shape out = Shape.broadcast(name, shape, other.shape);
    return checked(name, backend.binary(op, this, other, out), out);
  }

  public final Tensor add(Tensor other) { return apply(BinaryOp.ADD, other); }
  public final Tensor sub(Tensor other) { return apply(BinaryOp.SUB, other); }
  public final Tensor mul(Tensor other) { return apply(BinaryOp.MUL, other); }
  public final Tensor div(Tensor other) { return apply(BinaryOp.DIV, other); }
  public final Tensor maximum(Tensor other) { return apply(BinaryOp.MAX, other); }
  public final Tensor minimum(Tensor other) { return apply(BinaryOp.MIN, other); }

  /** {@code this op s} for every element. */
  public final Tensor apply(ScalarOp op, float s) {
    String name = op.name().toLowerCase();
    requireOpen(name);
    return checked(name, backend.scalar(op, this, s), shape);
  }

  public final Tensor add(float s) { return apply(ScalarOp.ADD, s); }
  public final Tensor sub(float s) { return apply(ScalarOp.ADD, -s); }
  public final Tensor mul(float s) { return apply(ScalarOp.MUL, s); }
  public final Tensor div(float s) { return apply(ScalarOp.MUL, 1f / s); }
  public final Tensor rsub(float s) { return apply(ScalarOp.RSUB, s); }
  public final Tensor rdiv(float s) { return apply(ScalarOp.RDIV, s); }
  public final Tensor pow(float s) { return apply(ScalarOp.POW, s); }
  public final Tensor clamp(float min, float max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("clamp: min " + min + " is not <= max " + max);
    }
    return apply(ScalarOp.MAX, min).apply(ScalarOp.MIN, max);
  }

  // ------------------------------------------------------------------ linear algebra

  /** The matrix product {@code this @ other} of two rank-2 tensors. */
  public final Tensor matmul(Tensor other) {
    return matmul(false, other, false);
  }

  /**
   * The matrix product {@code op(this) @ op(other)}, where {@code op} transposes when its flag
   * is set, without materialising the transpose.
   */
  public final Tensor matmul(boolean transposeThis, Tensor other, boolean transposeOther) {
    requireCompatible("matmul", other);
    if (shape.rank() != 2 || other.shape.rank() != 2) {
      throw new IllegalArgumentException(
          "matmul: needs two rank-2 tensors, got " + shape + " and " + other.shape);
    }
    int m = transposeThis ? shape.cols() : shape.rows();
    int k = transposeThis ? shape.rows() : shape.cols();
    int k2 = transposeOther ? other.shape.cols() : other.shape.rows();
    int n = transposeOther ? other.shape.rows() : other.shape.cols();
    if (k != k2) {
      throw new IllegalArgumentException(
          "matmul: inner dimensions differ: " + shape + (transposeThis ? "^T" : "") + " @ "
              + other.shape + (transposeOther ? "^T" : "") + " (" + k + " vs " + k2 + ")");
    }
    Shape out = Shape.of(m, n);
    return checked("matmul", backend.matmul(this, transposeThis, other, transposeOther), out);
  }

  /** The transpose of a rank-2 tensor, as a new tensor. */
  public final Tensor transpose() {
    requireOpen("transpose");
    if (shape.rank() != 2) {
      throw new IllegalArgumentException("transpose: needs a rank-2 tensor, got " + shape);
    }
    return checked("transpose", backend.transpose(this), Shape.of(shape.cols(), shape.rows()));
  }

  /** The same values in another shape of the same size, as a new tensor. */
  public final Tensor reshape(Shape newShape) {
    requireOpen("reshape");
    if (newShape.size() != shape.size()) {
      throw new IllegalArgumentException(
          "reshape: cannot reshape " + shape + " (" + shape.size() + " values) to " + newShape
              + " (" + newShape.size() + " values)");
    }
    return checked("reshape", backend.reshape(this, newShape), newShape);
  }

  /** This tensor broadcast to {@code target}, as a new tensor. */
  public final Tensor broadcastTo(Shape target) {
    requireOpen("broadcastTo");
    if (!shape.broadcastsTo(target)) {
      throw new IllegalArgumentException(
          "broadcastTo: shape " + shape + " cannot be broadcast to " + target);
    }
    return checked("broadcastTo", backend.broadcastTo(this, target), target);
  }

  // ------------------------------------------------------------------ reductions

  /** Reduces along {@code axis}, keeping it with size 1 when {@code keepDims}. */
  public final Tensor reduce(ReduceOp op, int axis, boolean keepDims) {
    String name = op.name().toLowerCase();
    requireOpen(name);
    if (shape.rank() == 0) {
      throw new IllegalArgumentException(name + ": cannot reduce a scalar along axis " + axis);
    }
    int a;
    try {
      a = shape.normalizeAxis(axis);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    Tensor kept = checked(name, backend.reduce(op, this, a), shape.with(a, 1));
    if (!keepDims) {
      Shape dropped = shape.without(a);
      Tensor r = kept.reshape(dropped);
      kept.close();
      return r;
    }
    return kept;
  }

  public final Tensor sum(int axis, boolean keepDims) { return reduce(ReduceOp.SUM, axis, keepDims); }
  public final Tensor mean(int axis, boolean keepDims) { return reduce(ReduceOp.MEAN, axis, keepDims); }
  public final Tensor max(int axis, boolean keepDims) { return reduce(ReduceOp.MAX, axis, keepDims); }
  public final Tensor min(int axis, boolean keepDims) { return reduce(ReduceOp.MIN, axis, keepDims); }
  public final Tensor argmax(int axis) { return reduce(ReduceOp.ARGMAX, axis, false); }

  /** The sum of all elements, as a scalar tensor. */
  public final Tensor sum() {
    return reduceAll(ReduceOp.SUM);
  }

  /** The mean of all elements, as a scalar tensor. */
  public final Tensor mean() {
    return reduceAll(ReduceOp.MEAN);
  }

  private Tensor reduceAll(ReduceOp op) {
    requireOpen(op.name().toLowerCase());
    Tensor flat = shape.rank() == 1 ? this : reshape(Shape.of(shape.size()));
    Tensor r = flat.reduce(op, 0, false);
    if (flat != this) {
      flat.close();
    }
    return r;
  }

  // ------------------------------------------------------------------ gathering

  /** The rows {@code rows} (indices along axis 0, repeats allowed), in that order. */
  public final Tensor gatherRows(int[] rows) {
    requireOpen("gatherRows");
    if (shape.rank() == 0) {
      throw new IllegalArgumentException("gatherRows: cannot gather rows of a scalar");
    }
    if (rows.length == 0) {
      throw new IllegalArgumentException("gatherRows: no rows requested (an empty batch)");
    }
    int n = shape.dim(0);
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= n) {
        throw new IllegalArgumentException(
            "gatherRows: row index " + rows[i] + " at position " + i + " is outside [0, " + n
                + ") of shape " + shape);
      }
    }
    return checked("gatherRows", backend.gatherRows(this, rows), shape.with(0, rows.length));
  }

  // ------------------------------------------------------------------ in-place updates

  /** Overwrites this tensor's values with {@code source}'s (same shape). */
  public final void assign(Tensor source) {
    requireCompatible("assign", source);
    requireSameShape("assign", source);
    backend.assign(this, source);
  }

  /** {@code this = alpha * this + beta * source}, in place (same shape). */
  public final void axpby(float alpha, Tensor source, float beta) {
    requireCompatible("axpby", source);
    requireSameShape("axpby", source);
    backend.axpby(this, alpha, source, beta);
  }

  /** Overwrites every value with {@code value}. */
  public final void fill(float value) {
    requireOpen("fill");
    backend.fill(this, value);
  }

  // ------------------------------------------------------------------ checks

  /**
   * Throws unless this tensor is open.
   *
   * @param op the operation, named in the error
   */
  public final void requireOpen(String op) {
    if (closed) {
      throw new IllegalStateException(
          op + ": tensor " + shape + " of backend '" + backend.name()
              + "' is closed (closed directly or with its scope)");
    }
  }

  /** Throws unless both tensors are open and of the same backend. */
  public final void requireCompatible(String op, Tensor other) {
    Objects.requireNonNull(other, op + ": operand is null");
    requireOpen(op);
    other.requireOpen(op);
    if (other.backend != backend) {
      throw new IllegalArgumentException(
          op + ": tensors of different backends ('" + backend.name() + "' and '"
              + other.backend.name() + "'); copy with toArray() and Tensor.of to move values");
    }
  }

  private void requireSameShape(String op, Tensor other) {
    if (!shape.equals(other.shape)) {
      throw new IllegalArgumentException(
          op + ": shapes differ: " + shape + " and " + other.shape);
    }
  }

  /** Checks a backend's result, so that a backend bug surfaces where it happens. */
  static Tensor checked(String op, Tensor result, Shape expected) {
    if (result == null || !result.shape.equals(expected)) {
      throw new IllegalStateException(
          op + ": backend returned " + (result == null ? "null" : "shape " + result.shape)
              + ", expected " + expected);
    }
    return result;
  }

  @Override
  public String toString() {
    if (closed) {
      return "Tensor" + shape + "(closed)";
    }
    float[] v = new float[Math.min(shape.size(), 8)];
    if (shape.size() <= 8) {
      backend.copyTo(this, v, 0);
      return "Tensor" + shape + Arrays.toString(v);
    }
    return "Tensor" + shape + "(" + backend.name() + ")";
  }
}
