package dev.disciplina.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Disciplina's kernels on PyTorch (CPU, float32) through DJL's PyTorch engine.
 *
 * <p><b>Ownership.</b> Each {@link DjlTensor} owns one PyTorch tensor that no other tensor shares
 * (results that PyTorch would return as views — reshape, transpose, broadcast — are copied), and
 * closes it exactly once, when the tensor or its {@link dev.disciplina.api.tensor.Scope} closes.
 * All PyTorch tensors are registered with one DJL {@code NDManager} of this backend, which is
 * only a registry: nothing waits for it to close. Kernel temporaries (transposed views, index
 * tensors) are closed before a kernel returns; scalar operands come from a small per-thread cache
 * of rank-0 tensors; values enter PyTorch through a reused per-thread buffer. So no native memory
 * is left for the garbage collector.
 *
 * <p><b>Threading.</b> The backend is thread-safe: what kernels reuse between calls (scalar
 * operands, the staging buffer) is kept per thread. Each kernel is one or a few PyTorch
 * operations run on the calling thread, which PyTorch may split over its OpenMP intra-op pool
 * ({@code -Dai.djl.pytorch.num_threads=N}, read once when the engine loads; default one thread
 * per core). With a fixed thread count the same inputs give bit-identical outputs from run to
 * run; another thread count may change the last bits of reductions and products. OpenMP threads
 * spin while they wait, which on a busy machine turns microseconds into milliseconds (a median
 * MLP step of 230 ms instead of 4 to 13 ms on 2 shared cores): there, run with the environment
 * variable {@code OMP_WAIT_POLICY=PASSIVE} or one intra-op thread.
 *
 * <p>DJL serves as a kernel library only: gradients are Disciplina's own, so DJL's gradient
 * collector and PyTorch's autograd are never used.
 */
public final class DjlBackend implements Backend {

  private static final DataType FLOAT32 = DataType.FLOAT32;
  private static final DataType INT64 = DataType.INT64;
  private static final SparseFormat DENSE = SparseFormat.DENSE;
  private static final ai.djl.ndarray.types.Shape RANK0 = new ai.djl.ndarray.types.Shape();

  /** Softmax rows narrower than this go through the composite in {@link #softmaxCrossEntropy}. */
  static final int NARROW_ROWS = 32;

  private final PtNDManager manager;
  private final Device device;
  private final ScalarCache constants;
  private final String description;

  DjlBackend(Engine engine) {
    this.manager = (PtNDManager) engine.newBaseManager(Device.cpu());
    this.manager.setName("disciplina-djl");
    this.device = manager.getDevice();
    this.constants = new ScalarCache(manager, device);
    this.description = "djl: " + DjlEngine.describe(engine);
  }

  @Override
  public String name() {
    return DjlBackendProvider.NAME;
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * The number of PyTorch tensors alive in this backend, cached scalars included (at most {@link
   * ScalarCache#CAPACITY} per thread); for leak tests.
   */
  int liveArrays() {
    return manager.getManagedArrays().size();
  }

  // ------------------------------------------------------------------ creation and copy-out

  @Override
  public Tensor fromArray(Shape shape, float[] data, int offset) {
    int n = shape.size();
    int chunk = Staging.MAX_BYTES / Float.BYTES;
    if (n <= chunk) {
      try (PtNDArray blob = blob(Staging.floats(data, offset, n), dims(shape), FLOAT32)) {
        return out(shape, JniUtils.clone(blob));
      }
    }
    // Too big for the staging buffer: fill a flat tensor chunk by chunk, in place.
    PtNDArray flat = JniUtils.createEmptyNdArray(
        manager, new ai.djl.ndarray.types.Shape(n), FLOAT32, device, DENSE);
    try {
      for (int start = 0; start < n; start += chunk) {
        int len = Math.min(chunk, n - start);
        try (PtNDArray blob = blob(Staging.floats(data, offset + start, len),
            new ai.djl.ndarray.types.Shape(len), FLOAT32)) {
          JniUtils.indexSet(flat, blob, new long[] {start}, new long[] {start + len},
              new long[] {1});
        }
      }
      // A view of a tensor nobody else holds: it keeps the storage alive once `flat` is closed.
      return out(shape, JniUtils.reshape(flat, toLongs(shape)));
    } finally {
      flat.close();
    }
  }

  @Override
  public Tensor full(Shape shape, float value) {
    ai.djl.ndarray.types.Shape dims = dims(shape);
    // at::zeros costs a third of at::full on small tensors; -0f must stay -0f.
    PtNDArray a = Float.floatToRawIntBits(value) == 0
        ? JniUtils.createZerosNdArray(manager, dims, FLOAT32, device, DENSE)
        : JniUtils.full(manager, dims, value, FLOAT32, device, DENSE);
    return out(shape, a);
  }

  @Override
  public void copyTo(Tensor source, float[] dest, int offset) {
    // A direct buffer over PyTorch's memory (no native allocation, nothing to free): one copy.
    ByteBuffer values = nd(source).toByteBuffer(true);
    values.asFloatBuffer().get(dest, offset, source.shape().size());
  }

  // ------------------------------------------------------------------ elementwise

  @Override
  public Tensor unary(UnaryOp op, Tensor x) {
    PtNDArray a = nd(x);
    PtNDArray r =
        switch (op) {
          case NEG -> JniUtils.neg(a);
          case ABS -> JniUtils.abs(a);
          case SIGN -> JniUtils.sign(a);
          case EXP -> JniUtils.exp(a);
          case LOG -> JniUtils.log(a);
          case SQRT -> JniUtils.sqrt(a);
          case SQUARE -> JniUtils.square(a);
          case RECIPROCAL -> JniUtils.div(constant(1f), a);
          case TANH -> JniUtils.tanh(a);
          case SIGMOID -> JniUtils.sigmoid(a);
          case RELU -> JniUtils.relu(a);
          case STEP -> {
            // sign(relu(x)) is 1 for x > 0 and 0 otherwise, NaN included (PyTorch's sign(NaN)
            // is 0); three times faster than (x > 0).float(), which goes through a bool tensor.
            PtNDArray positive = JniUtils.relu(a);
            JniUtils.signi(positive);
            yield positive;
          }
        };
    return out(x.shape(), r);
  }

  @Override
  public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result) {
    PtNDArray x = nd(a);
    PtNDArray y = nd(b);
    PtNDArray r =
        switch (op) {
          case ADD -> JniUtils.add(x, y);
          case SUB -> JniUtils.sub(x, y);
          case MUL -> JniUtils.mul(x, y);
          case DIV -> JniUtils.div(x, y);
          case MAX -> JniUtils.max(x, y);
          case MIN -> JniUtils.min(x, y);
        };
    return out(result, r);
  }

  @Override
  public Tensor scalar(ScalarOp op, Tensor x, float s) {
    PtNDArray a = nd(x);
    if (op == ScalarOp.POW && s == 2f) {
      return out(x.shape(), JniUtils.square(a));
    }
    PtNDArray c = constant(s);
    PtNDArray r =
        switch (op) {
          case ADD -> JniUtils.add(a, c);
          case MUL -> JniUtils.mul(a, c);
          case RSUB -> JniUtils.sub(c, a);
          case RDIV -> JniUtils.div(c, a);
          case POW -> JniUtils.pow(a, c);
          case MAX -> JniUtils.max(a, c);
          case MIN -> JniUtils.min(a, c);
        };
    return out(x.shape(), r);
  }

  // ------------------------------------------------------------------ shape

  @Override
  public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
    Shape out = Shape.of(
        transposeA ? a.shape().cols() : a.shape().rows(),
        transposeB ? b.shape().rows() : b.shape().cols());
    PtNDArray x = nd(a);
    PtNDArray y = nd(b);
    if (!transposeA) {
      // x @ y^T is exactly linear(x, y): one call, and BLAS reads y transposed in place.
      return out(out, transposeB ? JniUtils.linear(x, y, null) : JniUtils.matmul(x, y));
    }
    try (PtNDArray xt = JniUtils.transpose(x, 0, 1)) {
      return out(out, transposeB ? JniUtils.linear(xt, y, null) : JniUtils.matmul(xt, y));
    }
  }

  @Override
  public Tensor transpose(Tensor x) {
    try (PtNDArray view = JniUtils.transpose(nd(x), 0, 1)) {
      // repeat (by 1) always writes a new contiguous tensor; clone would keep the view's strides.
      return out(Shape.of(x.shape().cols(), x.shape().rows()),
          JniUtils.tile(view, new long[] {1, 1}));
    }
  }

  @Override
  public Tensor reshape(Tensor x, Shape shape) {
    try (PtNDArray view = JniUtils.reshape(nd(x), toLongs(shape))) {
      return out(shape, JniUtils.clone(view));
    }
  }

  @Override
  public Tensor broadcastTo(Tensor x, Shape shape) {
    // repeat copies into a new contiguous tensor, padding leading dimensions: one call.
    int rank = shape.rank();
    int offset = rank - x.shape().rank();
    long[] repeats = new long[rank];
    for (int i = 0; i < rank; i++) {
      int from = i < offset ? 1 : x.shape().dim(i - offset);
      repeats[i] = shape.dim(i) / from;
    }
    return out(shape, JniUtils.tile(nd(x), repeats));
  }

  @Override
  public Tensor reduce(ReduceOp op, Tensor x, int axis) {
    PtNDArray a = nd(x);
    PtNDArray r =
        switch (op) {
          case SUM -> JniUtils.sum(a, new long[] {axis}, true);
          case MEAN -> JniUtils.mean(a, axis, true);
          case MAX -> JniUtils.max(a, axis, true);
          case MIN -> JniUtils.min(a, axis, true);
          case ARGMAX -> {
            try (PtNDArray indices = JniUtils.argMax(a, axis, true)) {
              yield JniUtils.to(indices, FLOAT32, device);
            }
          }
        };
    return out(x.shape().with(axis, 1), r);
  }

  @Override
  public Tensor gatherRows(Tensor x, int[] rows) {
    Shape shape = x.shape();
    Shape result = shape.with(0, rows.length);
    PtNDArray a = nd(x);
    // The index tensor reads this thread's staging buffer; it is closed before returning.
    try (PtNDArray index =
        blob(Staging.longs(rows), new ai.djl.ndarray.types.Shape(rows.length), INT64)) {
      if (shape.rank() == 2) {
        // embedding(index, weight) is weight.index_select(0, index): one call.
        return out(result, JniUtils.embedding(index, a, false));
      }
      long width = shape.size() / shape.dim(0);
      try (PtNDArray matrix = JniUtils.reshape(a, new long[] {shape.dim(0), width});
          PtNDArray gathered = JniUtils.embedding(index, matrix, false)) {
        // A view of `gathered`, which nobody else holds.
        return out(result, JniUtils.reshape(gathered, toLongs(result)));
      }
    }
  }

  // ------------------------------------------------------------------ in-place updates

  @Override
  public void assign(Tensor target, Tensor source) {
    copyInto(nd(target), nd(source), target.shape());
  }

  @Override
  public void axpby(Tensor target, float alpha, Tensor source, float beta) {
    PtNDArray t = nd(target);
    PtNDArray s = nd(source);
    if ((beta == 1f || beta == -1f) && t != s) {
      if (alpha != 1f) {
        JniUtils.muli(t, constant(alpha));
      }
      if (beta == 1f) {
        JniUtils.addi(t, s);
      } else {
        JniUtils.subi(t, s);
      }
      return;
    }
    // beta * source first, since the target may be the source itself.
    try (PtNDArray scaled = JniUtils.mul(s, constant(beta))) {
      if (alpha != 1f) {
        JniUtils.muli(t, constant(alpha));
      }
      JniUtils.addi(t, scaled);
    }
  }

  @Override
  public void fill(Tensor target, float value) {
    copyInto(nd(target), constant(value), target.shape());
  }

  // ------------------------------------------------------------------ fused

  /** PyTorch's {@code linear}: one call, bias added inside the GEMM ({@code addmm}). */
  @Override
  public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    Shape out = Shape.of(x.shape().rows(), weight.shape().rows());
    return out(out, JniUtils.linear(nd(x), nd(weight), bias == null ? null : nd(bias)));
  }

  /**
   * The loss {@code -sum(targets * logProbs) / n} and the gradient {@code (probs - targets) / n}
   * in ten or seven PyTorch operations rather than the default's seventeen. PyTorch's own {@code
   * log_softmax} and {@code softmax} cost about 20 us each on rows of 10 (its vectorised kernel
   * wants rows of at least a vector), while the whole composite takes about as much; from
   * {@value #NARROW_ROWS} classes on, its two softmax calls win.
   */
  @Override
  public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
    Shape shape = logits.shape();
    int n = shape.rows();
    PtNDArray l = nd(logits);
    PtNDArray t = nd(targets);
    if (shape.cols() < NARROW_ROWS) {
      try (PtNDArray max = JniUtils.max(l, 1, true);
          PtNDArray shifted = JniUtils.sub(l, max);
          PtNDArray exps = JniUtils.exp(shifted);
          PtNDArray sums = JniUtils.sum(exps, new long[] {1}, true);
          PtNDArray logSums = JniUtils.log(sums);
          PtNDArray logProbs = JniUtils.sub(shifted, logSums);
          PtNDArray probs = JniUtils.div(exps, sums)) {
        return lossAndGradient(shape, n, t, logProbs, probs);
      }
    }
    try (PtNDArray logProbs = JniUtils.logSoftmax(l, 1, FLOAT32);
        PtNDArray probs = JniUtils.softmax(l, 1, FLOAT32)) {
      return lossAndGradient(shape, n, t, logProbs, probs);
    }
  }

  private LossAndGradient lossAndGradient(
      Shape shape, int n, PtNDArray targets, PtNDArray logProbs, PtNDArray probs) {
    Tensor loss;
    try (PtNDArray weighted = JniUtils.mul(targets, logProbs);
        PtNDArray total = JniUtils.sum(weighted)) {
      loss = out(Shape.scalar(), JniUtils.mul(total, constant(-1f / n)));
    }
    try (PtNDArray diff = JniUtils.sub(probs, targets)) {
      return new LossAndGradient(loss, out(shape, JniUtils.mul(diff, constant(1f / n))));
    } catch (RuntimeException | Error e) {
      loss.close();
      throw e;
    }
  }

  /**
   * Without momentum and with weight decay, DJL's fused {@code sgdUpdate} ({@code param -= lr *
   * (grad + weightDecay * param)}) in one call; otherwise the portable default, whose primitives
   * are already in place here.
   */
  @Override
  public void sgdStep(
      Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov,
      float weightDecay) {
    if (velocity == null && weightDecay != 0f) {
      JniUtils.sgdUpdate(nd(param), nd(grad), null, lr, weightDecay, 1f, -1f, 0f);
      return;
    }
    Backend.super.sgdStep(param, grad, velocity, lr, momentum, nesterov, weightDecay);
  }

  /**
   * DJL's fused {@code adamUpdate}: one call instead of about thirty. It computes {@code param
   * -= lrc * m / (sqrt(v) + epsc)}; with {@code lrc = lr * sqrt(b2) / b1} and {@code epsc = eps
   * * sqrt(b2)} ({@code b1}, {@code b2} the bias corrections) that is exactly PyTorch's {@code
   * lr / b1 * m / (sqrt(v / b2) + eps)}, up to rounding. AdamW's decay {@code param -= lr * wd *
   * param} equals the default's {@code param *= 1 - lr * wd}, up to rounding.
   */
  @Override
  public void adamStep(
      Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2,
      float epsilon, float weightDecay, boolean decoupled, int step) {
    double bias1 = 1 - Math.pow(beta1, step);
    double root2 = Math.sqrt(1 - Math.pow(beta2, step));
    JniUtils.adamUpdate(
        nd(param), nd(grad), nd(m), nd(v),
        lr, (float) (lr * root2 / bias1), weightDecay, 1f, -1f, beta1, beta2,
        (float) (epsilon * root2), decoupled && weightDecay != 0f);
  }

  // ------------------------------------------------------------------ helpers

  private static PtNDArray nd(Tensor t) {
    return ((DjlTensor) t).array();
  }

  private Tensor out(Shape shape, PtNDArray array) {
    assert conforms(shape, array)
        : "PyTorch returned " + array.getShape() + " " + array.getDataType() + ", expected "
            + shape + " float32";
    return DjlTensor.wrap(this, shape, array);
  }

  private static boolean conforms(Shape shape, PtNDArray array) {
    return Arrays.equals(array.getShape().getShape(), toLongs(shape))
        && array.getDataType() == FLOAT32;
  }

  /** A rank-0 tensor holding {@code value}, borrowed from this thread's cache: never close it. */
  private PtNDArray constant(float value) {
    return constants.get(value);
  }

  /** A tensor over {@code data} (not a copy); the caller closes it before reusing the buffer. */
  private PtNDArray blob(ByteBuffer data, ai.djl.ndarray.types.Shape shape, DataType type) {
    return JniUtils.createNdFromByteBuffer(manager, data, shape, type, DENSE, device);
  }

  /** {@code target[...] = source} in place, broadcasting {@code source}: PyTorch's {@code copy_}. */
  private static void copyInto(PtNDArray target, PtNDArray source, Shape shape) {
    int rank = shape.rank();
    if (rank == 0) {
      // index_put_ rejects an empty index list; write through a [1] view of the same storage.
      try (PtNDArray view = JniUtils.reshape(target, new long[] {1})) {
        JniUtils.indexSet(view, source, new long[] {0}, new long[] {1}, new long[] {1});
      }
      return;
    }
    long[] ends = toLongs(shape);
    long[] steps = new long[rank];
    Arrays.fill(steps, 1L);
    JniUtils.indexSet(target, source, new long[rank], ends, steps);
  }

  private static ai.djl.ndarray.types.Shape dims(Shape shape) {
    return shape.rank() == 0 ? RANK0 : new ai.djl.ndarray.types.Shape(toLongs(shape));
  }

  private static long[] toLongs(Shape shape) {
    int rank = shape.rank();
    long[] d = new long[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = shape.dim(i);
    }
    return d;
  }
}
