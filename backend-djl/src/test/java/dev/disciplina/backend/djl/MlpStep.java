package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * One MLP training step written out over the backend's kernels (forward, hand-written backward,
 * optimizer), plus a few other primitives, so that every kernel runs each iteration. Parameters
 * and optimizer state live in the scope current at construction; {@link #step} opens its own
 * scope for everything else.
 */
final class MlpStep {

  final int batch;
  final int in;
  final int hidden;
  final int classes;
  private final Tensor w1;
  private final Tensor b1;
  private final Tensor w2;
  private final Tensor b2;
  private final Tensor[] m;
  private final Tensor[] v;
  private final float[] inputs;
  private final int[] labels;
  private int steps;

  MlpStep(int batch, int in, int hidden, int classes, long seed) {
    this.batch = batch;
    this.in = in;
    this.hidden = hidden;
    this.classes = classes;
    w1 = Tensor.of(Shape.of(hidden, in), Ref.random(seed, hidden * in, -0.05, 0.05));
    b1 = Tensor.zeros(Shape.of(hidden));
    w2 = Tensor.of(Shape.of(classes, hidden), Ref.random(seed + 1, classes * hidden, -0.1, 0.1));
    b2 = Tensor.zeros(Shape.of(classes));
    Tensor[] params = {w1, b1, w2, b2};
    m = new Tensor[4];
    v = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      m[i] = Tensor.zeros(params[i].shape());
      v[i] = Tensor.zeros(params[i].shape());
    }
    inputs = Ref.random(seed + 2, 4 * batch * in, 0, 1);
    labels = new int[4 * batch];
    SplittableRandom r = new SplittableRandom(seed + 3);
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextInt(classes);
    }
  }

  /** The parameters, in a fixed order. */
  Tensor[] parameters() {
    return new Tensor[] {w1, b1, w2, b2};
  }

  /** One training step on the next of four fixed batches; returns the loss. */
  float step() {
    int k = steps++ % 4;
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(Shape.of(batch, in), inputs, k * batch * in);
      int[] y = new int[batch];
      System.arraycopy(labels, k * batch, y, 0, batch);
      Tensor targets = Tensor.oneHot(y, classes);

      Tensor h = x.backend().linear(x, w1, b1);
      Tensor a = h.relu();
      Tensor logits = a.matmul(false, w2, true).add(b2);
      LossAndGradient lg = x.backend().softmaxCrossEntropy(logits, targets);

      Tensor dLogits = lg.gradient();
      Tensor dW2 = dLogits.matmul(true, a, false);
      Tensor dB2 = dLogits.sum(0, false);
      Tensor dA = dLogits.matmul(w2);
      Tensor dH = dA.mul(h.step());
      Tensor dW1 = dH.matmul(true, x, false);
      Tensor dB1 = dH.sum(0, false);

      // Other primitives, so that each of them runs every step.
      Tensor probe = logits.sub(logits.max(1, true)).exp().log().neg().abs().sqrt().square();
      probe = probe.sigmoid().tanh().mul(0.5f).add(1f).rdiv(1f).rsub(2f).pow(1.5f)
          .clamp(0f, 10f).maximum(probe).minimum(probe.add(1f)).div(probe.add(2f));
      probe.argmax(1).toArray();
      probe.transpose().reshape(Shape.of(classes * batch)).gatherRows(new int[] {0, 3, 1})
          .broadcastTo(Shape.of(2, 3)).mean().item();
      probe.reciprocal().sign().sum().item();
      dW2.min(0, true).toArray();

      Tensor[] grads = {dW1, dB1, dW2, dB2};
      Tensor[] params = parameters();
      for (int i = 0; i < 4; i++) {
        if ((steps & 1) == 0) {
          x.backend().adamStep(params[i], grads[i], m[i], v[i], 1e-3f, 0.9f, 0.999f, 1e-8f,
              1e-4f, true, steps / 2 + 1);
        } else {
          x.backend().sgdStep(params[i], grads[i], v[i], 0.01f, 0.9f, true, 1e-4f);
        }
      }
      Tensor scratch = Tensor.zeros(dW1.shape());
      scratch.assign(dW1);
      scratch.axpby(0.5f, dW1, 0.25f);
      scratch.fill(0f);
      return lg.loss().item();
    }
  }
}
