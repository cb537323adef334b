package dev.disciplina.api.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first. Immutable.
 *
 * <p>Every dimension is at least 1: Disciplina has no empty tensors, so an empty batch or a
 * zero-width layer is rejected where it is made rather than surfacing later as a NaN mean. A
 * shape of rank 0 ({@link #scalar()}) holds exactly one value.
 */
public final class Shape {

  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = 1;
    for (int d : dims) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(dims) + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    this.size = (int) n;
  }

  /** A shape with the given dimensions; each must be at least 1. */
  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException(
            (d == 0 ? "empty dimension" : "negative dimension " + d)
                + " in shape "
                + Arrays.toString(dims)
                + ": every dimension must be at least 1");
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The shape of a single value (rank 0). */
  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** The size of dimension {@code axis}; a negative axis counts from the end. */
  public int dim(int axis) {
    return dims[normalizeAxis(axis)];
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** A copy of the dimensions. */
  public int[] toArray() {
    return dims.clone();
  }

  /** Rows of a rank-2 shape. */
  public int rows() {
    requireRank(2, "rows()");
    return dims[0];
  }

  /** Columns of a rank-2 shape. */
  public int cols() {
    requireRank(2, "cols()");
    return dims[1];
  }

  /** This shape with dimension {@code axis} set to {@code value}. */
  public Shape with(int axis, int value) {
    int[] d = dims.clone();
    d[normalizeAxis(axis)] = value;
    return of(d);
  }

  /** This shape without dimension {@code axis}. */
  public Shape without(int axis) {
    int a = normalizeAxis(axis);
    int[] d = new int[dims.length - 1];
    for (int i = 0, j = 0; i < dims.length; i++) {
      if (i != a) {
        d[j++] = dims[i];
      }
    }
    return of(d);
  }

  /**
   * Maps {@code axis} into {@code [0, rank)}, accepting negative axes counted from the end.
   *
   * @throws IllegalArgumentException naming the axis and this shape when it is out of range
   */
  public int normalizeAxis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
    }
    return a;
  }

  private void requireRank(int rank, String what) {
    if (dims.length != rank) {
      throw new IllegalArgumentException(what + " needs a rank-" + rank + " shape, got " + this);
    }
  }

  /**
   * The shape two operands broadcast to, by NumPy's rules: dimensions are aligned from the
   * end, and each pair must be equal or contain a 1.
   *
   * @param op the operation, named in the error
   * @throws IllegalArgumentException naming the operation and both shapes when they do not
   *     broadcast
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + a + " and " + b + " cannot be broadcast together (dimension "
                + i + ": " + da + " vs " + db + ")");
      }
      out[i] = Math.max(da, db);
    }
    return new Shape(out);
  }

  /** Whether this shape broadcasts to {@code target} without changing {@code target}. */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) {
      return false;
    }
    int off = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** For example {@code [128, 784]}; a scalar is {@code []}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
