package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastTo;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Disciplina's kernels on ND4J's native CPU backend (libnd4j with OpenBLAS).
 *
 * <p><b>Ownership.</b> Every tensor is an {@link Nd4jTensor} holding one dense float32 {@code
 * 'c'}-order {@link INDArray} of its own — never a view, never shared with another tensor — so
 * that it can be freed alone. When the owning {@link dev.disciplina.api.tensor.Scope} closes the
 * tensor, its array goes back to a bounded pool for reuse by the next tensor of that shape, or,
 * when the pool is full, is closed with {@link INDArray#close()}, which frees the native buffer
 * at once (checked in ND4J 1.0.0-M2.1: {@code close()} releases the buffer of a detached,
 * non-view array). Nothing is left for the garbage collector. ND4J workspaces are not used: a
 * Disciplina tensor may outlive the scope it was made in ({@link Tensor#moveTo}), which a
 * workspace's bulk reset would not allow. A kernel closes its native temporaries before it
 * returns, also when it fails. The pool holds at most {@code -Ddisciplina.nd4j.poolMegabytes}
 * (default 64; 0 turns it off).
 *
 * <p><b>Kernels.</b> Matrix products call OpenBLAS's {@code cblas_sgemm} (row-major, with the
 * transpose flags) directly into the preallocated result: the same OpenBLAS that ND4J loads and
 * that {@code Nd4j.gemm} ends in, without ND4J's 20-30 us of op machinery per call. The same goes
 * for {@link #axpby} and the optimizer steps ({@code saxpy}, {@code sscal}), sums and means along
 * a leading or trailing axis ({@code sgemv} with a vector of ones), a bias added to every row
 * ({@code sger}) and copies ({@code memcpy}). Everything else is one libnd4j op; binary ops
 * broadcast through libnd4j's NumPy-style broadcasting (see {@code Broadcasting}).
 *
 * <p><b>Threading.</b> The backend's only shared state is its thread-safe pool; it may be used
 * from many threads, each with its own scopes. Thread counts are set once per JVM with {@code
 * -Ddisciplina.nd4j.threads} (libnd4j, default 1) and {@code -Ddisciplina.nd4j.blasThreads}
 * (OpenBLAS, default the core count); for given settings, the same inputs give bit-identical
 * outputs run to run.
 */
public final class Nd4jBackend implements Backend {

  private static final long FLOAT_BYTES = Float.BYTES;

  /** Ones to copy into native vectors; grows, and is replaced rather than changed. */
  private static volatile float[] onesOnHeap = new float[0];

  private final Nd4jRuntime runtime;
  private final ArrayPool pool;

  Nd4jBackend(Nd4jRuntime runtime) {
    this(runtime, new ArrayPool(runtime.poolBytes()));
  }

  Nd4jBackend(Nd4jRuntime runtime, ArrayPool pool) {
    this.runtime = runtime;
    this.pool = pool;
  }

  @Override
  public String name() {
    return Nd4jBackendProvider.NAME;
  }

  @Override
  public String description() {
    return runtime.description();
  }

  // ------------------------------------------------------------------ creation and copy-out

  @Override
  public Tensor fromArray(Shape shape, float[] data, int offset) {
    return compute(shape, z -> floats(z).put(data, offset, shape.size()));
  }

  @Override
  public Tensor full(Shape shape, float value) {
    return compute(shape, z -> fill(z, shape, value));
  }

  @Override
  public void copyTo(Tensor source, float[] dest, int offset) {
    floats(array(source)).get(dest, offset, source.shape().size());
  }

  @Override
  public Tensor oneHot(int[] labels, int classes) {
    return compute(Shape.of(labels.length, classes), z -> {
      Pointer.memset(z.data().addressPointer(), 0, (long) labels.length * classes * FLOAT_BYTES);
      FloatBuffer out = z.data().asNioFloat();
      for (int i = 0; i < labels.length; i++) {
        out.put(i * classes + labels[i], 1f);
      }
    });
  }

  // ------------------------------------------------------------------ elementwise

  @Override
  public Tensor unary(UnaryOp op, Tensor x) {
    INDArray in = array(x);
    return compute(x.shape(), z -> exec(switch (op) {
      case NEG -> new Negative(in, z);
      case ABS -> new Abs(in, z);
      case SIGN -> new Sign(in, z);
      case EXP -> new Exp(in, z);
      case LOG -> new Log(in, z);
      case SQRT -> new Sqrt(in, z);
      case SQUARE -> new Square(in, z);
      case RECIPROCAL -> new Reciprocal(in, z);
      case TANH -> new Tanh(in, z);
      case SIGMOID -> new Sigmoid(in, z);
      case RELU -> new RectifiedLinear(in, z, 0.0);
      case STEP -> new Step(in, z, 0.0);
    }));
  }

  @Override
  public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result) {
    return compute(result,
        z -> Broadcasting.apply(this, op, array(a), a.shape(), array(b), b.shape(), z, result));
  }

  @Override
  public Tensor scalar(ScalarOp op, Tensor x, float s) {
    INDArray in = array(x);
    return compute(x.shape(), z -> exec(scalarOp(op, in, z, s)));
  }

  private static Op scalarOp(ScalarOp op, INDArray in, INDArray z, float s) {
    return switch (op) {
      case ADD -> new ScalarAdd(in, null, z, s);
      case MUL -> new ScalarMultiplication(in, null, z, s);
      case RSUB -> new ScalarReverseSubtraction(in, null, z, s);
      case RDIV -> new ScalarReverseDivision(in, null, z, s);
      case POW -> new Pow(in, z, s);
      case MAX -> new ScalarMax(in, null, z, s);
      case MIN -> new ScalarMin(in, null, z, s);
    };
  }

  // ------------------------------------------------------------------ shape

  @Override
  public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    Shape out = Shape.of(transposeA ? sa.cols() : sa.rows(), transposeB ? sb.rows() : sb.cols());
    return compute(out, z -> gemm(array(a), sa, transposeA, array(b), sb, transposeB, z, out));
  }

  @Override
  public Tensor transpose(Tensor x) {
    // The transposed view is ND4J bookkeeping over x's buffer; assign copies through it.
    return compute(Shape.of(x.shape().cols(), x.shape().rows()),
        z -> z.assign(array(x).transpose()));
  }

  @Override
  public Tensor reshape(Tensor x, Shape shape) {
    return compute(shape, z -> copy(array(x), 0, z, 0, shape.size()));
  }

  @Override
  public Tensor broadcastTo(Tensor x, Shape shape) {
    if (x.shape().size() == shape.size()) {
      return reshape(x, shape); // only leading or unit dimensions differ
    }
    return compute(shape, z -> exec(new BroadcastTo(array(x), dims(shape), z)));
  }

  /**
   * SUM and MEAN along the first or last axis of what the tensor is seen as (every rank-1 and
   * rank-2 case) are one BLAS matrix-vector product with a vector of ones; the rest are libnd4j
   * reductions.
   */
  @Override
  public Tensor reduce(ReduceOp op, Tensor x, int axis) {
    Shape shape = x.shape();
    INDArray in = array(x);
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= shape.dim(i);
    }
    int len = shape.dim(axis);
    int inner = shape.size() / outer / len;
    boolean blas = (op == ReduceOp.SUM || op == ReduceOp.MEAN) && (outer == 1 || inner == 1);
    float scale = op == ReduceOp.MEAN ? 1f / len : 1f;
    int rows = outer;
    Shape out = shape.with(axis, 1);
    return compute(out, z -> {
      if (blas) {
        sumByBlas(in, rows, len, inner, scale, z);
        return;
      }
      switch (op) {
        case SUM -> exec(new Sum(in, z, true, axis));
        case MEAN -> exec(new Mean(in, z, true, axis));
        case MAX -> exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Max(in, z, true, axis));
        case MIN -> exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Min(in, z, true, axis));
        case ARGMAX -> argmax(in, axis, z, out);
      }
    });
  }

  /**
   * {@code z = scale * sum over the middle index} of {@code in} seen as {@code [outer, len,
   * inner]}, where {@code outer} or {@code inner} is 1: one matrix-vector product with a vector
   * of ones. OpenBLAS gives each output value to one thread and adds in a fixed order.
   */
  private void sumByBlas(INDArray in, int outer, int len, int inner, float scale, INDArray z) {
    withOnes(len, ones -> {
      if (outer == 1) { // [len, inner]^T @ ones
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
            len, inner, scale, floats(in), inner, ones, 1, 0f, floats(z), 1);
      } else { // [outer, len] @ ones
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor,
            openblas_nolapack.CblasNoTrans, outer, len, scale, floats(in), len, ones, 1, 0f,
            floats(z), 1);
      }
    });
  }

  private static void argmax(INDArray in, int axis, INDArray z, Shape out) {
    INDArray indices = Nd4j.createUninitialized(DataType.LONG, dims(out), 'c');
    try {
      exec(new ArgMax(new INDArray[] {in}, new INDArray[] {indices}, true, axis));
      z.assign(indices); // converts to float
    } finally {
      indices.close();
    }
  }

  @Override
  public Tensor gatherRows(Tensor x, int[] rows) {
    Shape shape = x.shape();
    long row = shape.size() / shape.dim(0);
    INDArray in = array(x);
    return compute(shape.with(0, rows.length), z -> {
      for (int i = 0; i < rows.length; i++) {
        copy(in, rows[i] * row, z, i * row, row);
      }
    });
  }

  // ------------------------------------------------------------------ in-place updates

  @Override
  public void assign(Tensor target, Tensor source) {
    if (target != source) {
      copy(array(source), 0, array(target), 0, target.shape().size());
    }
  }

  @Override
  public void axpby(Tensor target, float alpha, Tensor source, float beta) {
    axpby(array(target), alpha, array(source), beta);
  }

  /** {@code y = alpha * y + beta * x} with BLAS: a scaling, then an FMA pass. */
  private static void axpby(INDArray y, float alpha, INDArray x, float beta) {
    int n = (int) y.length();
    FloatPointer py = floats(y);
    if (x == y) {
      openblas_nolapack.cblas_sscal(n, alpha + beta, py, 1);
      return;
    }
    if (alpha != 1f) {
      openblas_nolapack.cblas_sscal(n, alpha, py, 1);
    }
    openblas_nolapack.cblas_saxpy(n, beta, floats(x), 1, py, 1);
  }

  @Override
  public void fill(Tensor target, float value) {
    fill(array(target), target.shape(), value);
  }

  private static void fill(INDArray z, Shape shape, float value) {
    if (Float.floatToRawIntBits(value) == 0) { // +0.0: all bytes zero
      Pointer.memset(z.data().addressPointer(), 0, shape.size() * FLOAT_BYTES);
    } else {
      z.assign(value);
    }
  }

  // ------------------------------------------------------------------ fused

  /** One product into a fresh result, then the bias added to each row in place (BLAS). */
  @Override
  public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    Shape out = Shape.of(x.shape().rows(), weight.shape().rows());
    return compute(out, z -> {
      gemm(array(x), x.shape(), false, array(weight), weight.shape(), true, z, out);
      if (bias != null) { // z += ones ⊗ bias: the bias added to every row
        int n = out.rows();
        int k = out.cols();
        FloatPointer b = floats(array(bias));
        withOnes(n, ones -> openblas_nolapack.cblas_sger(
            openblas_nolapack.CblasRowMajor, n, k, 1f, ones, 1, b, 1, floats(z), k));
      }
    });
  }

  /**
   * Log-softmax as {@code (x - max) - log(sum(exp(x - max)))} by row, then the loss as a dot
   * product of targets and log-probabilities, and {@code exp} and one BLAS update turn the
   * log-probabilities into {@code (softmax - targets) / n}: a few BLAS calls and four libnd4j
   * ops, against the default's dozen ops. libnd4j's own {@code log_softmax} is not used: it takes
   * the log of the softmax, which is {@code -inf} for a logit far below its row's maximum, and
   * {@code 0 * -inf} in the target-weighted sum made the loss NaN.
   */
  @Override
  public LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
    Shape shape = logits.shape();
    int n = shape.rows();
    int k = shape.cols();
    Shape column = Shape.of(n, 1);
    INDArray x = array(logits);
    INDArray t = array(targets);
    float[] loss = new float[1];
    Tensor gradient = compute(shape, g -> {
      INDArray perRow = pool.take(column);
      INDArray exps = pool.take(shape);
      try {
        exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Max(x, perRow, true, 1));
        copy(x, 0, g, 0, shape.size());
        withOnes(k, ones -> {
          // g = x - max (each row's maximum subtracted across the row)
          openblas_nolapack.cblas_sger(openblas_nolapack.CblasRowMajor, n, k, -1f,
              floats(perRow), 1, ones, 1, floats(g), k);
          exec(new Exp(g, exps));
          // perRow = log(sum over the row of exp(x - max))
          openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor,
              openblas_nolapack.CblasNoTrans, n, k, 1f, floats(exps), k, ones, 1, 0f,
              floats(perRow), 1);
          exec(new Log(perRow, perRow));
          // g = log-probabilities
          openblas_nolapack.cblas_sger(openblas_nolapack.CblasRowMajor, n, k, -1f,
              floats(perRow), 1, ones, 1, floats(g), k);
        });
      } finally {
        pool.give(column, perRow);
        pool.give(shape, exps);
      }
      loss[0] = -openblas_nolapack.cblas_sdot(shape.size(), floats(t), 1, floats(g), 1) / n;
      exec(new Exp(g, g));
      axpby(g, 1f / n, t, -1f / n);
    });
    return new LossAndGradient(fromArray(Shape.scalar(), loss, 0), gradient);
  }

  /** The default's arithmetic with BLAS updates in place and at most one temporary. */
  @Override
  public void sgdStep(
      Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov,
      float weightDecay) {
    INDArray p = array(param);
    INDArray g = array(grad);
    INDArray decayed = null;
    try {
      if (weightDecay != 0f) {
        decayed = pool.take(param.shape());
        copy(g, 0, decayed, 0, g.length());
        axpby(decayed, 1f, p, weightDecay); // grad + weightDecay * param
        g = decayed;
      }
      if (velocity == null) {
        axpby(p, 1f, g, -lr);
        return;
      }
      INDArray v = array(velocity);
      axpby(v, momentum, g, 1f);
      if (nesterov) {
        axpby(p, 1f, g, -lr); // param -= lr * (g + momentum * v)
        axpby(p, 1f, v, -lr * momentum);
      } else {
        axpby(p, 1f, v, -lr);
      }
    } finally {
      if (decayed != null) {
        pool.give(param.shape(), decayed);
      }
    }
  }

  /** The default's arithmetic in place, with at most two temporaries. */
  @Override
  public void adamStep(
      Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2,
      float epsilon, float weightDecay, boolean decoupled, int step) {
    INDArray p = array(param);
    INDArray g = array(grad);
    INDArray mm = array(m);
    INDArray vv = array(v);
    INDArray decayed = null;
    INDArray work = null;
    try {
      if (weightDecay != 0f) {
        if (decoupled) {
          axpby(p, 1f - lr * weightDecay, p, 0f);
        } else {
          decayed = pool.take(param.shape());
          copy(g, 0, decayed, 0, g.length());
          axpby(decayed, 1f, p, weightDecay);
          g = decayed;
        }
      }
      float bias1 = 1f - (float) Math.pow(beta1, step);
      float bias2 = 1f - (float) Math.pow(beta2, step);
      work = pool.take(param.shape());
      exec(new Square(g, work));
      axpby(mm, beta1, g, 1f - beta1);
      axpby(vv, beta2, work, 1f - beta2);
      exec(new ScalarMultiplication(vv, null, work, 1f / bias2));
      exec(new Sqrt(work, work));
      exec(new ScalarAdd(work, null, work, epsilon));
      exec(new DivOp(mm, work, work));
      axpby(p, 1f, work, -lr / bias1);
    } finally {
      if (work != null) {
        pool.give(param.shape(), work);
      }
      if (decayed != null) {
        pool.give(param.shape(), decayed);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * A new tensor of {@code shape} whose array {@code kernel} fills; if the kernel fails, the array
   * is closed before the failure propagates.
   */
  private Tensor compute(Shape shape, Consumer<INDArray> kernel) {
    INDArray z = pool.take(shape);
    try {
      kernel.accept(z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
    return Nd4jTensor.wrap(this, shape, z);
  }

  static INDArray array(Tensor t) {
    return ((Nd4jTensor) t).array();
  }

  static long[] dims(Shape shape) {
    int[] d = shape.toArray();
    long[] out = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = d[i];
    }
    return out;
  }

  /** Takes back the array of a released tensor. */
  void recycle(Shape shape, INDArray array) {
    pool.give(shape, array);
  }

  ArrayPool pool() {
    return pool;
  }

  /**
   * {@code z = op(a) @ op(b)} with OpenBLAS's row-major {@code sgemm}; {@code a} and {@code b}
   * are dense row-major with the stored shapes {@code sa} and {@code sb}.
   */
  private static void gemm(
      INDArray a, Shape sa, boolean ta, INDArray b, Shape sb, boolean tb, INDArray z, Shape out) {
    int m = out.rows();
    int n = out.cols();
    int k = ta ? sa.rows() : sa.cols();
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, 1f, floats(a), sa.cols(), floats(b), sb.cols(), 0f, floats(z), n);
  }

  static void exec(Op op) {
    Nd4j.getExecutioner().exec(op);
  }

  static void exec(CustomOp op) {
    Nd4j.getExecutioner().exec(op);
  }

  /**
   * Runs {@code use} with a native vector of {@code len} ones (a pooled array, filled from a Java
   * array of ones and given back afterwards).
   */
  void withOnes(int len, Consumer<FloatPointer> use) {
    Shape shape = Shape.of(len);
    INDArray ones = pool.take(shape);
    try {
      floats(ones).put(onesOnHeap(len), 0, len);
      use.accept(floats(ones));
    } finally {
      pool.give(shape, ones);
    }
  }

  private static float[] onesOnHeap(int len) {
    float[] o = onesOnHeap;
    if (o.length < len) {
      o = new float[Math.max(len, 2 * o.length)];
      Arrays.fill(o, 1f);
      onesOnHeap = o;
    }
    return o;
  }

  /** The array's buffer as floats, from its first element. */
  static FloatPointer floats(INDArray a) {
    return (FloatPointer) a.data().addressPointer();
  }

  /** Copies {@code count} floats between the buffers of two dense arrays. */
  static void copy(INDArray from, long fromIndex, INDArray to, long toIndex, long count) {
    Pointer src = new BytePointer(from.data().addressPointer()).position(fromIndex * FLOAT_BYTES);
    Pointer dst = new BytePointer(to.data().addressPointer()).position(toIndex * FLOAT_BYTES);
    Pointer.memcpy(dst, src, count * FLOAT_BYTES);
  }
}
