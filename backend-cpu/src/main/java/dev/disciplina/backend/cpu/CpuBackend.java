package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The pure-Java backend: float32 kernels on the Vector API ({@code jdk.incubator.vector}), the
 * reference the other backends are compared against.
 *
 * <p><b>Threading.</b> One instance serves every thread; it holds no per-call state. Matrix
 * products of at least a few million floating-point operations are split over the calling thread
 * and {@code threads - 1} daemon workers ({@code -Ddisciplina.cpu.threads}, default: the available
 * processors); everything else runs on the calling thread. Work is split over rows or column
 * panels only, and each element is one fixed chain of fused multiply-adds, so results are
 * bit-identical whatever the number of threads. The transcendental functions are deterministic
 * polynomials ({@link VectorMath}), the same bits on every JDK and CPU.
 *
 * <p><b>Memory.</b> A tensor's values are a {@code float[]} borrowed from a per-thread pool of
 * buffers keyed by length ({@link BufferPool}) and given back when the tensor is closed — in
 * practice when its {@link dev.disciplina.api.tensor.Scope} closes. A training loop that opens a
 * scope per iteration thus reuses the same arrays every iteration and allocates almost nothing
 * in steady state. Each thread keeps at most {@code -Ddisciplina.cpu.poolMegabytes} (default: an
 * eighth of the maximum heap) of idle buffers; beyond that, closed tensors' arrays are left to the
 * garbage collector. Kernels overwrite every element of a borrowed buffer.
 *
 * <p><b>Warm-up.</b> Vector API code is fast only once C2 has compiled it. The first instance in a
 * JVM starts a short-lived, low-priority daemon thread that runs every kernel on small private
 * arrays so that a training run does not start at interpreter speed ({@code
 * -Ddisciplina.cpu.warmup=false} turns it off).
 */
public final class CpuBackend implements Backend {

  /**
   * In-place updates (optimizer steps, gradient accumulation, fills) of at least this many
   * elements are split over the threads, in pieces that are multiples of the vector length; each
   * element's operations are the same whichever thread runs them.
   */
  static final int PARALLEL_ELEMENTS =
      Integer.getInteger("disciplina.cpu.parallelElements", 1 << 15);
  private static final int VECTOR = FloatVector.SPECIES_PREFERRED.length();

  private final Parallel parallel;
  private final BufferPool pool;

  /** A backend with the configured number of threads ({@code -Ddisciplina.cpu.threads}). */
  public CpuBackend() {
    this(Integer.getInteger("disciplina.cpu.threads", Runtime.getRuntime().availableProcessors()));
  }

  /** A backend whose large matrix products use up to {@code threads} threads (at least 1). */
  public CpuBackend(int threads) {
    this.parallel = new Parallel(threads);
    long defaultMegabytes = Math.max(16, Runtime.getRuntime().maxMemory() / 8 / (1 << 20));
    long megabytes = Long.getLong("disciplina.cpu.poolMegabytes", defaultMegabytes);
    this.pool = new BufferPool(megabytes * (1 << 20) / Float.BYTES);
    Warmup.startOnce();
  }

  /** {@inheritDoc} */
  @Override
  public String name() {
    return "cpu";
  }

  /** {@inheritDoc} */
  @Override
  public String description() {
    int lanes = FloatVector.SPECIES_PREFERRED.length();
    int threads = parallel.threads();
    return "pure Java, Vector API " + lanes * Float.SIZE + "-bit (" + lanes + " floats), "
        + threads + (threads == 1 ? " thread" : " threads");
  }

  /** The number of threads large matrix products use. */
  public int threads() {
    return parallel.threads();
  }

  BufferPool pool() {
    return pool;
  }

  /** A new tensor of {@code shape} in the current scope, with unspecified values. */
  private CpuTensor allocate(Shape shape) {
    float[] data = pool.take(shape.size());
    try {
      return new CpuTensor(this, shape, data);
    } catch (RuntimeException e) {
      pool.give(data);
      throw e;
    }
  }

  private static float[] data(Tensor t) {
    return ((CpuTensor) t).data;
  }

  // ------------------------------------------------------------------ creation and copy-out

  /** {@inheritDoc} */
  @Override
  public Tensor fromArray(Shape shape, float[] values, int offset) {
    CpuTensor t = allocate(shape);
    System.arraycopy(values, offset, t.data, 0, shape.size());
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor full(Shape shape, float value) {
    CpuTensor t = allocate(shape);
    Arrays.fill(t.data, value);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public void copyTo(Tensor source, float[] dest, int offset) {
    float[] d = data(source);
    System.arraycopy(d, 0, dest, offset, d.length);
  }

  /** {@inheritDoc} */
  @Override
  public Tensor oneHot(int[] labels, int classes) {
    CpuTensor t = allocate(Shape.of(labels.length, classes));
    Arrays.fill(t.data, 0f);
    for (int i = 0; i < labels.length; i++) {
      t.data[i * classes + labels[i]] = 1f;
    }
    return t;
  }

  // ------------------------------------------------------------------ elementwise

  /** {@inheritDoc} */
  @Override
  public Tensor unary(UnaryOp op, Tensor x) {
    CpuTensor t = allocate(x.shape());
    UnaryKernels.apply(op, data(x), t.data, t.data.length);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result) {
    CpuTensor t = allocate(result);
    Broadcast.apply(op, data(a), a.shape(), data(b), b.shape(), t.data, result);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor scalar(ScalarOp op, Tensor x, float s) {
    CpuTensor t = allocate(x.shape());
    float[] in = data(x);
    float[] out = t.data;
    int n = out.length;
    switch (op) {
      case ADD -> BinaryKernels.vs(BinaryOp.ADD, in, 0, s, out, 0, n);
      case MUL -> BinaryKernels.vs(BinaryOp.MUL, in, 0, s, out, 0, n);
      case RSUB -> BinaryKernels.sv(BinaryOp.SUB, s, in, 0, out, 0, n);
      case RDIV -> BinaryKernels.sv(BinaryOp.DIV, s, in, 0, out, 0, n);
      case POW -> UnaryKernels.pow(in, s, out, n);
      case MAX -> BinaryKernels.vs(BinaryOp.MAX, in, 0, s, out, 0, n);
      case MIN -> BinaryKernels.vs(BinaryOp.MIN, in, 0, s, out, 0, n);
      default -> throw new IllegalArgumentException("unknown scalar op " + op);
    }
    return t;
  }

  // ------------------------------------------------------------------ shape

  /** {@inheritDoc} */
  @Override
  public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
    return product(a, transposeA, b, transposeB, null);
  }

  private Tensor product(Tensor a, boolean ta, Tensor b, boolean tb, Tensor bias) {
    Shape as = a.shape();
    Shape bs = b.shape();
    int m = ta ? as.cols() : as.rows();
    int k = ta ? as.rows() : as.cols();
    int n = tb ? bs.rows() : bs.cols();
    CpuTensor t = allocate(Shape.of(m, n));
    Gemm.multiply(data(a), ta, data(b), tb, bias == null ? null : data(bias), t.data, m, n, k,
        pool, parallel);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor transpose(Tensor x) {
    int rows = x.shape().rows();
    int cols = x.shape().cols();
    CpuTensor t = allocate(Shape.of(cols, rows));
    float[] in = data(x);
    float[] out = t.data;
    int block = 32;
    for (int i0 = 0; i0 < rows; i0 += block) {
      int i1 = Math.min(rows, i0 + block);
      for (int j0 = 0; j0 < cols; j0 += block) {
        int j1 = Math.min(cols, j0 + block);
        for (int i = i0; i < i1; i++) {
          for (int j = j0; j < j1; j++) {
            out[j * rows + i] = in[i * cols + j];
          }
        }
      }
    }
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor reshape(Tensor x, Shape shape) {
    CpuTensor t = allocate(shape);
    System.arraycopy(data(x), 0, t.data, 0, shape.size());
    return t;
  }

  /** {@inheritDoc} A copy, so that negative zeros and NaN payloads survive. */
  @Override
  public Tensor broadcastTo(Tensor x, Shape shape) {
    CpuTensor t = allocate(shape);
    Broadcast.copy(data(x), x.shape(), t.data, shape);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor reduce(ReduceOp op, Tensor x, int axis) {
    Shape s = x.shape();
    int len = s.dim(axis);
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= s.dim(d);
    }
    int inner = s.size() / outer / len;
    CpuTensor t = allocate(s.with(axis, 1));
    Reductions.reduce(op, data(x), outer, len, inner, t.data);
    return t;
  }

  /** {@inheritDoc} */
  @Override
  public Tensor gatherRows(Tensor x, int[] rows) {
    Shape s = x.shape();
    int row = s.size() / s.dim(0);
    CpuTensor t = allocate(s.with(0, rows.length));
    float[] in = data(x);
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(in, rows[i] * row, t.data, i * row, row);
    }
    return t;
  }

  // ------------------------------------------------------------------ in-place updates

  /** {@inheritDoc} */
  @Override
  public void assign(Tensor target, Tensor source) {
    float[] s = data(source);
    float[] t = data(target);
    parallel.range(s.length, PARALLEL_ELEMENTS, VECTOR,
        (from, to) -> System.arraycopy(s, from, t, from, to - from));
  }

  /** {@inheritDoc} */
  @Override
  public void axpby(Tensor target, float alpha, Tensor source, float beta) {
    float[] t = data(target);
    float[] s = data(source);
    parallel.range(t.length, PARALLEL_ELEMENTS, VECTOR,
        (from, to) -> FusedKernels.axpby(t, alpha, s, beta, from, to));
  }

  /** {@inheritDoc} */
  @Override
  public void fill(Tensor target, float value) {
    float[] t = data(target);
    parallel.range(t.length, PARALLEL_ELEMENTS, VECTOR,
        (from, to) -> Arrays.fill(t, from, to, value));
  }

  // ------------------------------------------------------------------ fused

  /** {@inheritDoc} The bias is added as each block of the product is stored. */
  @Override
  public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    return product(x, false, weight, true, bias);
  }

  /** {@inheritDoc} One pass per row; bit-identical to the default on this backend. */
  @Override
  public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
    Shape shape = logits.shape();
    int n = shape.rows();
    int k = shape.cols();
    CpuTensor gradient = allocate(shape);
    float lossValue;
    float[] scratch = pool.take(k);
    float[] rowLoss = pool.take(n);
    try {
      lossValue = FusedKernels.softmaxCrossEntropy(data(logits), data(targets), gradient.data, n,
          k, scratch, rowLoss);
    } catch (RuntimeException e) {
      gradient.close();
      throw e;
    } finally {
      pool.give(scratch);
      pool.give(rowLoss);
    }
    CpuTensor loss = allocate(Shape.scalar());
    loss.data[0] = lossValue;
    return new LossAndGradient(loss, gradient);
  }

  /** {@inheritDoc} One vectorised pass; bit-identical to the default on this backend. */
  @Override
  public void sgdStep(Tensor param, Tensor grad, Tensor velocity, float lr, float momentum,
      boolean nesterov, float weightDecay) {
    float[] p = data(param);
    float[] g = data(grad);
    float[] vel = velocity == null ? null : data(velocity);
    parallel.range(p.length, PARALLEL_ELEMENTS, VECTOR, (from, to) ->
        FusedKernels.sgd(p, g, vel, lr, momentum, nesterov, weightDecay, from, to));
  }

  /** {@inheritDoc} One vectorised pass; bit-identical to the default on this backend. */
  @Override
  public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1,
      float beta2, float epsilon, float weightDecay, boolean decoupled, int step) {
    float[] p = data(param);
    float[] g = data(grad);
    float[] pm = data(m);
    float[] pv = data(v);
    parallel.range(p.length, PARALLEL_ELEMENTS, VECTOR, (from, to) -> FusedKernels.adam(p, g, pm,
        pv, lr, beta1, beta2, epsilon, weightDecay, decoupled, step, from, to));
  }

  @Override
  public String toString() {
    return "CpuBackend[" + description() + "]";
  }
}
