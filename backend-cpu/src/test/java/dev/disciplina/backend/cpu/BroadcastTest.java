package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Broadcasting")
class BroadcastTest {

  static final CpuBackend BACKEND = new CpuBackend(1);

  /** {@code a op b} broadcast to {@code out}, one element at a time. */
  static float[] reference(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, Shape out) {
    int rank = out.rank();
    float[] r = new float[out.size()];
    int[] idx = new int[rank];
    for (int flat = 0; flat < r.length; flat++) {
      int rem = flat;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d] = rem % out.dim(d);
        rem /= out.dim(d);
      }
      r[flat] = Broadcast.scalarOp(op, a[offset(as, idx)], b[offset(bs, idx)]);
    }
    return r;
  }

  static int offset(Shape s, int[] idx) {
    int shift = idx.length - s.rank();
    int off = 0;
    for (int d = 0; d < s.rank(); d++) {
      int dim = s.dim(d);
      off = off * dim + (dim == 1 ? 0 : idx[d + shift]);
    }
    return off;
  }

  static float[] values(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble(0.5, 2) * (r.nextBoolean() ? 1 : -1);
    }
    return v;
  }

  @Test
  @DisplayName("every op on random broadcastable shapes of rank 0 to 4 matches an elementwise reference")
  void randomShapes() {
    SplittableRandom r = new SplittableRandom(20240601);
    try (Scope scope = Scope.open(BACKEND)) {
      for (int trial = 0; trial < 400; trial++) {
        int rank = r.nextInt(5);
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
          dims[d] = 1 + r.nextInt(r.nextBoolean() ? 3 : 40);
        }
        Shape as = randomSub(r, dims);
        Shape bs = randomSub(r, dims);
        Shape out = Shape.broadcast("test", as, bs);
        float[] a = values(r, as.size());
        float[] b = values(r, bs.size());
        BinaryOp op = BinaryOp.values()[r.nextInt(BinaryOp.values().length)];
        try (Scope inner = Scope.open()) {
          float[] actual = Tensor.of(as, a).apply(op, Tensor.of(bs, b)).toArray();
          assertThat(actual).as("%s %s %s", as, op, bs)
              .containsExactly(reference(op, a, as, b, bs, out));
        }
      }
    }
  }

  /** A shape that broadcasts to {@code dims}: a suffix of it with some dimensions set to 1. */
  static Shape randomSub(SplittableRandom r, int[] dims) {
    int drop = dims.length == 0 ? 0 : r.nextInt(dims.length + 1);
    int[] d = new int[dims.length - drop];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(3) == 0 ? 1 : dims[i + drop];
    }
    return Shape.of(d);
  }

  @Test
  @DisplayName("broadcastTo equals the elementwise reference on random shapes")
  void broadcastTo() {
    SplittableRandom r = new SplittableRandom(7);
    try (Scope scope = Scope.open(BACKEND)) {
      for (int trial = 0; trial < 200; trial++) {
        int rank = 1 + r.nextInt(4);
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
          dims[d] = 1 + r.nextInt(6);
        }
        Shape target = Shape.of(dims);
        Shape xs = randomSub(r, dims);
        float[] x = values(r, xs.size());
        float[] zeros = new float[1];
        float[] expected = reference(BinaryOp.ADD, x, xs, zeros, Shape.scalar(), target);
        try (Scope inner = Scope.open()) {
          assertThat(Tensor.of(xs, x).broadcastTo(target).toArray()).containsExactly(expected);
        }
      }
    }
  }
}
