package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.Shape;
import java.util.Arrays;

/**
 * NumPy broadcasting for binary operations of any rank, reduced to runs of {@link BinaryKernels}.
 *
 * <p>Fast paths without any bookkeeping: equal sizes (no dimension is repeated, so both operands
 * are read in order), a one-value operand, a row vector ({@code [n]} or {@code [1, n]}) against
 * {@code [m, n]}, and a column {@code [m, 1]} against {@code [m, n]}. Otherwise both operands get
 * strides over the result's dimensions (0 where broadcast), dimensions of size 1 are dropped and
 * adjacent dimensions that are contiguous for both operands are merged; the innermost remaining
 * dimension is then a run that each operand reads contiguously or repeats as a scalar, and an
 * odometer walks the outer ones.
 */
final class Broadcast {

  private Broadcast() {}

  /** {@code out = a op b} broadcast to {@code os}. */
  static void apply(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out, Shape os) {
    int size = os.size();
    int an = as.size();
    int bn = bs.size();
    if (an == size && bn == size) {
      BinaryKernels.vv(op, a, 0, b, 0, out, 0, size);
      return;
    }
    if (bn == 1 && an == size) {
      BinaryKernels.vs(op, a, 0, b[0], out, 0, size);
      return;
    }
    if (an == 1 && bn == size) {
      BinaryKernels.sv(op, a[0], b, 0, out, 0, size);
      return;
    }
    if (os.rank() == 2) {
      int m = os.dim(0);
      int n = os.dim(1);
      if (an == size && bn == n && bs.dim(-1) == n) {
        for (int i = 0; i < m; i++) {
          BinaryKernels.vv(op, a, i * n, b, 0, out, i * n, n);
        }
        return;
      }
      if (bn == size && an == n && as.dim(-1) == n) {
        for (int i = 0; i < m; i++) {
          BinaryKernels.vv(op, a, 0, b, i * n, out, i * n, n);
        }
        return;
      }
      if (an == size && bs.rank() == 2 && bs.dim(0) == m && bs.dim(1) == 1) {
        for (int i = 0; i < m; i++) {
          BinaryKernels.vs(op, a, i * n, b[i], out, i * n, n);
        }
        return;
      }
      if (bn == size && as.rank() == 2 && as.dim(0) == m && as.dim(1) == 1) {
        for (int i = 0; i < m; i++) {
          BinaryKernels.sv(op, a[i], b, i * n, out, i * n, n);
        }
        return;
      }
    }
    general(op, a, as, b, bs, out, os);
  }

  private static void general(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out,
      Shape os) {
    int rank = os.rank();
    int[] dims = new int[rank];
    int[] sa = new int[rank];
    int[] sb = new int[rank];
    int r = 0;
    int strideA = 1;
    int strideB = 1;
    // From the innermost dimension out, merging into the previous kept dimension when possible.
    int[] tmpDims = new int[rank];
    int[] tmpA = new int[rank];
    int[] tmpB = new int[rank];
    for (int d = rank - 1; d >= 0; d--) {
      int od = os.dim(d);
      int ad = alignedDim(as, rank, d);
      int bd = alignedDim(bs, rank, d);
      int da = ad == 1 ? 0 : strideA;
      int db = bd == 1 ? 0 : strideB;
      strideA *= ad;
      strideB *= bd;
      if (od == 1) {
        continue;
      }
      if (r > 0) {
        int inner = r - 1;
        if (da == tmpA[inner] * tmpDims[inner] && db == tmpB[inner] * tmpDims[inner]) {
          tmpDims[inner] *= od;
          continue;
        }
      }
      tmpDims[r] = od;
      tmpA[r] = da;
      tmpB[r] = db;
      r++;
    }
    if (r == 0) {
      out[0] = scalarOp(op, a[0], b[0]);
      return;
    }
    // Reverse into outermost-first order.
    for (int i = 0; i < r; i++) {
      dims[i] = tmpDims[r - 1 - i];
      sa[i] = tmpA[r - 1 - i];
      sb[i] = tmpB[r - 1 - i];
    }
    int run = dims[r - 1];
    int runA = sa[r - 1];
    int runB = sb[r - 1];
    int outer = out.length / run;
    int[] idx = new int[r];
    int offA = 0;
    int offB = 0;
    for (int o = 0, oo = 0; o < outer; o++, oo += run) {
      if (runA == 1 && runB == 1) {
        BinaryKernels.vv(op, a, offA, b, offB, out, oo, run);
      } else if (runA == 1) {
        BinaryKernels.vs(op, a, offA, b[offB], out, oo, run);
      } else {
        BinaryKernels.sv(op, a[offA], b, offB, out, oo, run);
      }
      // Advance the odometer over the outer dimensions.
      for (int d = r - 2; d >= 0; d--) {
        idx[d]++;
        offA += sa[d];
        offB += sb[d];
        if (idx[d] < dims[d]) {
          break;
        }
        offA -= sa[d] * dims[d];
        offB -= sb[d] * dims[d];
        idx[d] = 0;
      }
    }
  }

  /** {@code out} = {@code x} repeated to {@code os}, which {@code xs} broadcasts to. */
  static void copy(float[] x, Shape xs, float[] out, Shape os) {
    if (x.length == out.length) {
      System.arraycopy(x, 0, out, 0, out.length);
      return;
    }
    if (x.length == 1) {
      Arrays.fill(out, x[0]);
      return;
    }
    int rank = os.rank();
    int[] dims = new int[rank];
    int[] strides = new int[rank];
    int stride = 1;
    for (int d = rank - 1; d >= 0; d--) {
      int xd = alignedDim(xs, rank, d);
      dims[d] = os.dim(d);
      strides[d] = xd == 1 ? 0 : stride;
      stride *= xd;
    }
    int run = dims[rank - 1];
    boolean repeat = strides[rank - 1] == 0;
    int outer = out.length / run;
    int[] idx = new int[rank];
    int off = 0;
    for (int o = 0, oo = 0; o < outer; o++, oo += run) {
      if (repeat) {
        Arrays.fill(out, oo, oo + run, x[off]);
      } else {
        System.arraycopy(x, off, out, oo, run);
      }
      for (int d = rank - 2; d >= 0; d--) {
        idx[d]++;
        off += strides[d];
        if (idx[d] < dims[d]) {
          break;
        }
        off -= strides[d] * dims[d];
        idx[d] = 0;
      }
    }
  }

  private static int alignedDim(Shape s, int rank, int d) {
    int shift = rank - s.rank();
    return d < shift ? 1 : s.dim(d - shift);
  }

  /** One element of {@code op}, with the same IEEE operation as the vector loops. */
  static float scalarOp(BinaryOp op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
    };
  }
}
