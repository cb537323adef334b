package dev.disciplina.api.tensor;

/**
 * The kernels a backend implements: a small set of float32 primitives from which the rest of
 * Disciplina — autograd, layers, losses, optimizers — is written once.
 *
 * <p><b>Contract.</b> Arguments arrive checked: {@link Tensor} has verified that tensors are open,
 * belong to this backend and have fitting shapes, and computed result shapes. A kernel only
 * computes. Every tensor a kernel makes is owned by the current {@link Scope} (the {@link Tensor}
 * constructor sees to that); a kernel that needs temporaries closes them before returning.
 * Operations other than the in-place updates ({@link #assign}, {@link #axpby}, {@link #fill})
 * must not modify their operands.
 *
 * <p><b>Fused operations.</b> {@link #linear}, {@link #softmaxCrossEntropy}, {@link #sgdStep}
 * and {@link #adamStep} have portable default implementations over the primitives; a backend
 * overrides them when it can do the same work in fewer passes. The conformance kit checks that
 * overrides agree with the defaults.
 *
 * <p><b>Lifecycle and threading.</b> {@link Backends} makes one instance per provider and keeps
 * it for the life of the JVM. A backend is used from many threads, each with its own scopes; the
 * tensors themselves are confined to the thread of their scope.
 */
public interface Backend {

  /** The provider's name, such as {@code cpu}. */
  String name();

  /** One line about the engine behind this backend (versions, threads, vector width). */
  default String description() {
    return name();
  }

  // ------------------------------------------------------------------ creation and copy-out

  /** A tensor of {@code shape} holding {@code shape.size()} values from {@code data[offset]}. */
  Tensor fromArray(Shape shape, float[] data, int offset);

  /** A tensor of {@code shape} with every value {@code value}. */
  Tensor full(Shape shape, float value);

  /** Copies all values of {@code source}, row-major, into {@code dest} from {@code offset}. */
  void copyTo(Tensor source, float[] dest, int offset);

  /** A {@code [labels.length, classes]} one-hot matrix; labels are in range. */
  default Tensor oneHot(int[] labels, int classes) {
    float[] data = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      data[i * classes + labels[i]] = 1f;
    }
    return fromArray(Shape.of(labels.length, classes), data, 0);
  }

  // ------------------------------------------------------------------ elementwise

  Tensor unary(UnaryOp op, Tensor x);

  /**
   * {@code a op b} broadcast to {@code result}, which {@link Shape#broadcast} has computed.
   * Either operand may need broadcasting.
   */
  Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape result);

  Tensor scalar(ScalarOp op, Tensor x, float s);

  // ------------------------------------------------------------------ shape

  /**
   * {@code op(a) @ op(b)} for rank-2 tensors, where {@code op} transposes when its flag is set.
   * Inner dimensions agree.
   */
  Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB);

  /** The transpose of a rank-2 tensor, materialised. */
  Tensor transpose(Tensor x);

  /** A copy of {@code x} with the same number of values in {@code shape}. */
  Tensor reshape(Tensor x, Shape shape);

  /** A copy of {@code x} broadcast to {@code shape} (which it broadcasts to). */
  default Tensor broadcastTo(Tensor x, Shape shape) {
    try (Tensor zeros = full(shape, 0f)) {
      return binary(BinaryOp.ADD, zeros, x, shape);
    }
  }

  /** Reduces along {@code axis} (already in range), keeping it with size 1. */
  Tensor reduce(ReduceOp op, Tensor x, int axis);

  /** The slices of {@code x} along axis 0 at {@code rows} (in range, non-empty), in order. */
  Tensor gatherRows(Tensor x, int[] rows);

  // ------------------------------------------------------------------ in-place updates

  /** Copies {@code source} into {@code target} (same shape). */
  void assign(Tensor target, Tensor source);

  /** {@code target = alpha * target + beta * source} (same shape). */
  void axpby(Tensor target, float alpha, Tensor source, float beta);

  /** Sets every value of {@code target} to {@code value}. */
  void fill(Tensor target, float value);

  // ------------------------------------------------------------------ fused, with defaults

  /**
   * {@code x @ weight^T + bias}: {@code x} is {@code [n, in]}, {@code weight} {@code [out, in]},
   * {@code bias} {@code [out]} or {@code null}; the result is {@code [n, out]}.
   */
  default Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    Tensor product = matmul(x, false, weight, true);
    if (bias == null) {
      return product;
    }
    try (product) {
      return binary(BinaryOp.ADD, product, bias, product.shape());
    }
  }

  /**
   * Softmax cross-entropy from logits, averaged over rows, and its gradient with respect to the
   * logits. {@code logits} and {@code targets} are {@code [n, k]}; each target row is a
   * probability distribution (one-hot for hard labels). The loss is {@code -1/n sum(targets *
   * log_softmax(logits))}; the gradient is {@code (softmax(logits) - targets) / n}.
   */
  default LossAndGradient softmaxCrossEntropy(Tensor logits, Tensor targets) {
    Shape shape = logits.shape();
    int n = shape.rows();
    try (Tensor max = reduce(ReduceOp.MAX, logits, 1);
        Tensor shifted = binary(BinaryOp.SUB, logits, max, shape);
        Tensor exps = unary(UnaryOp.EXP, shifted);
        Tensor sums = reduce(ReduceOp.SUM, exps, 1);
        Tensor logSums = unary(UnaryOp.LOG, sums);
        Tensor logProbs = binary(BinaryOp.SUB, shifted, logSums, shape);
        Tensor weighted = binary(BinaryOp.MUL, targets, logProbs, shape);
        Tensor rowLoss = reduce(ReduceOp.SUM, weighted, 1);
        Tensor flat = reshape(rowLoss, Shape.of(n));
        Tensor meanLoss = reduce(ReduceOp.MEAN, flat, 0);
        Tensor probs = binary(BinaryOp.DIV, exps, sums, shape);
        Tensor diff = binary(BinaryOp.SUB, probs, targets, shape)) {
      Tensor loss;
      try (Tensor meanScalar = reshape(meanLoss, Shape.scalar())) {
        loss = scalar(ScalarOp.MUL, meanScalar, -1f);
      }
      Tensor gradient = scalar(ScalarOp.MUL, diff, 1f / n);
      return new LossAndGradient(loss, gradient);
    }
  }

  /**
   * One SGD step on {@code param}, in place. With {@code weightDecay}, {@code g = grad +
   * weightDecay * param}. With a {@code velocity} (momentum), {@code v = momentum * v + g} and
   * the step uses {@code g + momentum * v} (Nesterov) or {@code v}. Then {@code param -= lr *
   * step}. This is PyTorch's {@code SGD} with zero dampening.
   */
  default void sgdStep(
      Tensor param, Tensor grad, Tensor velocity, float lr, float momentum, boolean nesterov,
      float weightDecay) {
    Shape shape = param.shape();
    Tensor g = grad;
    Tensor decayed = null;
    if (weightDecay != 0f) {
      try (Tensor scaled = scalar(ScalarOp.MUL, param, weightDecay)) {
        decayed = binary(BinaryOp.ADD, grad, scaled, shape);
      }
      g = decayed;
    }
    try {
      if (velocity == null) {
        axpby(param, 1f, g, -lr);
        return;
      }
      axpby(velocity, momentum, g, 1f);
      if (nesterov) {
        try (Tensor look = scalar(ScalarOp.MUL, velocity, momentum);
            Tensor step = binary(BinaryOp.ADD, g, look, shape)) {
          axpby(param, 1f, step, -lr);
        }
      } else {
        axpby(param, 1f, velocity, -lr);
      }
    } finally {
      if (decayed != null) {
        decayed.close();
      }
    }
  }

  /**
   * One Adam step on {@code param}, in place, as PyTorch's {@code Adam} ({@code decoupled =
   * false}: weight decay added to the gradient) or {@code AdamW} ({@code decoupled = true}:
   * {@code param *= 1 - lr * weightDecay} first). {@code m} and {@code v} are the first and
   * second moment estimates, updated in place; {@code step} counts from 1.
   */
  default void adamStep(
      Tensor param, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2,
      float epsilon, float weightDecay, boolean decoupled, int step) {
    Shape shape = param.shape();
    Tensor g = grad;
    Tensor decayed = null;
    if (weightDecay != 0f) {
      if (decoupled) {
        axpby(param, 1f - lr * weightDecay, param, 0f);
      } else {
        try (Tensor scaled = scalar(ScalarOp.MUL, param, weightDecay)) {
          decayed = binary(BinaryOp.ADD, grad, scaled, shape);
        }
        g = decayed;
      }
    }
    float bias1 = 1f - (float) Math.pow(beta1, step);
    float bias2 = 1f - (float) Math.pow(beta2, step);
    try (Tensor g2 = unary(UnaryOp.SQUARE, g)) {
      axpby(m, beta1, g, 1f - beta1);
      axpby(v, beta2, g2, 1f - beta2);
    } finally {
      if (decayed != null) {
        decayed.close();
      }
    }
    try (Tensor vHat = scalar(ScalarOp.MUL, v, 1f / bias2);
        Tensor root = unary(UnaryOp.SQRT, vHat);
        Tensor denom = scalar(ScalarOp.ADD, root, epsilon);
        Tensor ratio = binary(BinaryOp.DIV, m, denom, shape)) {
      axpby(param, 1f, ratio, -lr / bias1);
    }
  }
}
