package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * In-place updates and the fused optimizer and loss kernels. Each performs, per element, exactly
 * the float operations of the corresponding default in {@link dev.disciplina.api.tensor.Backend}
 * in the same order, so the fused results are bit-identical to the defaults run on this backend;
 * only the passes over memory and the temporaries are gone.
 */
final class FusedKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private FusedKernels() {}

  /** {@code t[i] = alpha * t[i] + beta * s[i]} for {@code i} in {@code [from, n)}; {@code s} may be {@code t}. */
  static void axpby(float[] t, float alpha, float[] s, float beta, int from, int n) {
    int i = from;
    for (int bound = from + S.loopBound(n - from); i < bound; i += L) {
      FloatVector vt = FloatVector.fromArray(S, t, i);
      FloatVector vs = FloatVector.fromArray(S, s, i);
      vt.mul(alpha).add(vs.mul(beta)).intoArray(t, i);
    }
    for (; i < n; i++) {
      t[i] = t[i] * alpha + s[i] * beta;
    }
  }

  /**
   * The SGD step of {@code Backend.sgdStep} on elements {@code [from, n)}; {@code vel} is {@code
   * null} without momentum.
   */
  static void sgd(float[] p, float[] g, float[] vel, float lr, float momentum, boolean nesterov,
      float wd, int from, int n) {
    float nlr = -lr;
    boolean decay = wd != 0f;
    int i = from;
    for (int bound = from + S.loopBound(n - from); i < bound; i += L) {
      FloatVector vp = FloatVector.fromArray(S, p, i);
      FloatVector vg = FloatVector.fromArray(S, g, i);
      if (decay) {
        vg = vg.add(vp.mul(wd));
      }
      FloatVector step;
      if (vel == null) {
        step = vg;
      } else {
        FloatVector vv = FloatVector.fromArray(S, vel, i).mul(momentum).add(vg);
        vv.intoArray(vel, i);
        step = nesterov ? vg.add(vv.mul(momentum)) : vv;
      }
      vp.add(step.mul(nlr)).intoArray(p, i);
    }
    for (; i < n; i++) {
      float pv = p[i];
      float gv = g[i];
      if (decay) {
        gv = gv + pv * wd;
      }
      float step;
      if (vel == null) {
        step = gv;
      } else {
        float v = vel[i] * momentum + gv;
        vel[i] = v;
        step = nesterov ? gv + v * momentum : v;
      }
      p[i] = pv + step * nlr;
    }
  }

  /** The Adam / AdamW step of {@code Backend.adamStep} on elements {@code [from, n)}. */
  static void adam(float[] p, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
      float eps, float wd, boolean decoupled, int step, int from, int n) {
    boolean decayParam = wd != 0f && decoupled;
    boolean decayGrad = wd != 0f && !decoupled;
    float keep = 1f - lr * wd;
    float bias1 = 1f - (float) Math.pow(beta1, step);
    float bias2 = 1f - (float) Math.pow(beta2, step);
    float c1 = 1f - beta1;
    float c2 = 1f - beta2;
    float invBias2 = 1f / bias2;
    float rate = -lr / bias1;
    int i = from;
    for (int bound = from + S.loopBound(n - from); i < bound; i += L) {
      FloatVector vp = FloatVector.fromArray(S, p, i);
      FloatVector vg = FloatVector.fromArray(S, g, i);
      if (decayParam) {
        vp = vp.mul(keep).add(vp.mul(0f));
      } else if (decayGrad) {
        vg = vg.add(vp.mul(wd));
      }
      FloatVector vm = FloatVector.fromArray(S, m, i).mul(beta1).add(vg.mul(c1));
      FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(vg.mul(vg).mul(c2));
      vm.intoArray(m, i);
      vv.intoArray(v, i);
      FloatVector denom = vv.mul(invBias2).lanewise(VectorOperators.SQRT).add(eps);
      vp.add(vm.div(denom).mul(rate)).intoArray(p, i);
    }
    for (; i < n; i++) {
      float pv = p[i];
      float gv = g[i];
      if (decayParam) {
        pv = pv * keep + pv * 0f;
      } else if (decayGrad) {
        gv = gv + pv * wd;
      }
      float mv = m[i] * beta1 + gv * c1;
      float vv = v[i] * beta2 + (gv * gv) * c2;
      m[i] = mv;
      v[i] = vv;
      float denom = (float) Math.sqrt(vv * invBias2) + eps;
      p[i] = pv + (mv / denom) * rate;
    }
  }

  /**
   * Softmax cross-entropy of {@code [n, k]} logits against targets: writes the gradient into
   * {@code grad} and returns the mean loss. {@code scratch} holds {@code k} floats, {@code
   * rowLoss} {@code n}.
   */
  static float softmaxCrossEntropy(float[] x, float[] t, float[] grad, int n, int k,
      float[] scratch, float[] rowLoss) {
    float invN = 1f / n;
    for (int i = 0; i < n; i++) {
      int off = i * k;
      float max = Reductions.max(x, off, k);
      // scratch = shifted logits; grad row = their exponentials.
      BinaryKernels.vs(BinaryOp.SUB, x, off, max, scratch, 0, k);
      VectorMath.exp(scratch, 0, grad, off, k);
      float sum = Reductions.sum(grad, off, k);
      float logSum = VectorMath.log(sum);
      // scratch = targets * (shifted - log sum), summed for this row's loss.
      BinaryKernels.vs(BinaryOp.SUB, scratch, 0, logSum, scratch, 0, k);
      BinaryKernels.vv(BinaryOp.MUL, t, off, scratch, 0, scratch, 0, k);
      rowLoss[i] = Reductions.sum(scratch, 0, k);
      // grad row = (exp / sum - targets) / n.
      BinaryKernels.vs(BinaryOp.DIV, grad, off, sum, grad, off, k);
      BinaryKernels.vv(BinaryOp.SUB, grad, off, t, off, grad, off, k);
      BinaryKernels.vs(BinaryOp.MUL, grad, off, invN, grad, off, k);
    }
    return (Reductions.sum(rowLoss, 0, n) / n) * -1f;
  }
}
