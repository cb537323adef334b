package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.api.tensor.UnaryOp;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
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
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
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
 * that it can be freed alone. Its native buffer is freed with {@link INDArray#close()} when the
 * owning {@link dev.disciplina.api.tensor.Scope} closes it, not by the garbage collector. ND4J
 * workspaces are not used: a Disciplina tensor may outlive the scope it was made in ({@link
 * Tensor#moveTo}), which a workspace's bulk reset would not allow. A kernel closes its native
 * temporaries before it returns, also when it fails.
 *
 * <p><b>Threading.</b> The backend holds no mutable state and may be used from many threads,
 * each with its own scopes. Thread counts are set once per JVM (see {@code
 * -Ddisciplina.nd4j.threads} and {@code -Ddisciplina.nd4j.blasThreads}); with the defaults, the
 * same inputs give bit-identical outputs run to run.
 */
public final class Nd4jBackend implements Backend {

  private static final long FLOAT_BYTES = Float.BYTES;

  private final Nd4jRuntime runtime;

  Nd4jBackend(Nd4jRuntime runtime) {
    this.runtime = runtime;
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
    INDArray z = uninitialized(shape);
    try {
      floats(z).put(data, offset, shape.size());
      return wrap(shape, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor full(Shape shape, float value) {
    if (value == 0f && Float.floatToRawIntBits(value) == 0) {
      return wrap(shape, Nd4j.create(DataType.FLOAT, dims(shape), 'c')); // zeroed by ND4J
    }
    INDArray z = uninitialized(shape);
    try {
      z.assign(value);
      return wrap(shape, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public void copyTo(Tensor source, float[] dest, int offset) {
    floats(array(source)).get(dest, offset, source.shape().size());
  }

  @Override
  public Tensor oneHot(int[] labels, int classes) {
    Shape shape = Shape.of(labels.length, classes);
    INDArray z = Nd4j.create(DataType.FLOAT, dims(shape), 'c');
    try {
      FloatBuffer out = z.data().asNioFloat();
      for (int i = 0; i < labels.length; i++) {
        out.put(i * classes + labels[i], 1f);
      }
      return wrap(shape, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  // ------------------------------------------------------------------ elementwise

  @Override
  public Tensor unary(UnaryOp op, Tensor x) {
    INDArray in = array(x);
    INDArray z = uninitialized(x.shape());
    try {
      exec(switch (op) {
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
      });
      return wrap(x.shape(), z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result) {
    INDArray z = uninitialized(result);
    try {
      Broadcasting.apply(op, array(a), a.shape(), array(b), b.shape(), z, result);
      return wrap(result, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor scalar(ScalarOp op, Tensor x, float s) {
    INDArray in = array(x);
    INDArray z = uninitialized(x.shape());
    try {
      exec(scalarOp(op, in, z, s));
      return wrap(x.shape(), z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
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
    Shape out =
        Shape.of(transposeA ? sa.cols() : sa.rows(), transposeB ? sb.rows() : sb.cols());
    INDArray z = uninitialized(out);
    try {
      Nd4j.gemm(array(a), array(b), z, transposeA, transposeB, 1.0, 0.0);
      return wrap(out, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor transpose(Tensor x) {
    Shape out = Shape.of(x.shape().cols(), x.shape().rows());
    INDArray z = uninitialized(out);
    try {
      z.assign(array(x).transpose()); // the transposed view is ND4J's bookkeeping only
      return wrap(out, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor reshape(Tensor x, Shape shape) {
    INDArray z = uninitialized(shape);
    try {
      copy(array(x), 0, z, 0, shape.size());
      return wrap(shape, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor broadcastTo(Tensor x, Shape shape) {
    if (x.shape().size() == shape.size()) {
      return reshape(x, shape); // only leading or unit dimensions differ
    }
    INDArray z = uninitialized(shape);
    try {
      exec(new BroadcastTo(array(x), dims(shape), z));
      return wrap(shape, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
  }

  @Override
  public Tensor reduce(ReduceOp op, Tensor x, int axis) {
    Shape out = x.shape().with(axis, 1);
    INDArray in = array(x);
    INDArray z = uninitialized(out);
    try {
      switch (op) {
        case SUM -> exec(new Sum(in, z, true, axis));
        case MEAN -> exec(new Mean(in, z, true, axis));
        case MAX -> exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Max(in, z, true, axis));
        case MIN -> exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Min(in, z, true, axis));
        case ARGMAX -> argmax(in, axis, z, out);
      }
      return wrap(out, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
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
    Shape out = shape.with(0, rows.length);
    long row = shape.size() / shape.dim(0);
    INDArray in = array(x);
    INDArray z = uninitialized(out);
    try {
      for (int i = 0; i < rows.length; i++) {
        copy(in, rows[i] * row, z, i * row, row);
      }
      return wrap(out, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
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
    long n = y.length();
    Level1 blas = Nd4j.getBlasWrapper().level1();
    if (x == y) {
      blas.scal(n, alpha + beta, y);
      return;
    }
    if (alpha != 1f) {
      blas.scal(n, alpha, y);
    }
    blas.axpy(n, beta, x, y);
  }

  @Override
  public void fill(Tensor target, float value) {
    array(target).assign(value);
  }

  // ------------------------------------------------------------------ fused

  /** One product into a fresh result, then the bias added to each row in place. */
  @Override
  public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    Shape out = Shape.of(x.shape().rows(), weight.shape().rows());
    INDArray z = uninitialized(out);
    try {
      Nd4j.gemm(array(x), array(weight), z, false, true, 1.0, 0.0);
      if (bias != null) {
        exec(new BroadcastAddOp(z, array(bias), z, 1));
      }
      return wrap(out, z);
    } catch (RuntimeException | Error e) {
      z.close();
      throw e;
    }
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
        decayed = Nd4j.createUninitialized(DataType.FLOAT, p.shape(), 'c');
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
        decayed.close();
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
          decayed = Nd4j.createUninitialized(DataType.FLOAT, p.shape(), 'c');
          copy(g, 0, decayed, 0, g.length());
          axpby(decayed, 1f, p, weightDecay);
          g = decayed;
        }
      }
      float bias1 = 1f - (float) Math.pow(beta1, step);
      float bias2 = 1f - (float) Math.pow(beta2, step);
      work = Nd4j.createUninitialized(DataType.FLOAT, p.shape(), 'c');
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
        work.close();
      }
      if (decayed != null) {
        decayed.close();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private Tensor wrap(Shape shape, INDArray z) {
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

  static INDArray uninitialized(Shape shape) {
    return Nd4j.createUninitialized(DataType.FLOAT, dims(shape), 'c');
  }

  static void exec(Op op) {
    Nd4j.getExecutioner().exec(op);
  }

  static void exec(CustomOp op) {
    Nd4j.getExecutioner().exec(op);
  }

  /** The array's buffer as floats, from its first element. */
  private static FloatPointer floats(INDArray a) {
    return new FloatPointer(a.data().addressPointer());
  }

  /** Copies {@code count} floats between the buffers of two dense arrays. */
  static void copy(INDArray from, long fromIndex, INDArray to, long toIndex, long count) {
    Pointer src = new BytePointer(from.data().addressPointer()).position(fromIndex * FLOAT_BYTES);
    Pointer dst = new BytePointer(to.data().addressPointer()).position(toIndex * FLOAT_BYTES);
    Pointer.memcpy(dst, src, count * FLOAT_BYTES);
  }
}
