package dev.disciplina.api.autograd;

import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tensor on the autograd tape: its value, where it came from, and — for leaves that require
 * gradients, such as {@link dev.disciplina.api.nn.Parameter}s — the gradient accumulated by
 * {@link #backward()}.
 *
 * <p>Operations on variables compute their value at once (define-by-run) and, while {@link
 * GradMode} is enabled and some input requires a gradient, record how to send a gradient back.
 * {@link #backward()} on a scalar result walks that record in reverse and <em>adds</em> each
 * leaf's gradient into {@link #grad()}, as PyTorch does: gradients accumulate until zeroed
 * ({@link dev.disciplina.api.optim.Optimizer#zeroGrad()}).
 *
 * <p><b>Memory.</b> A variable's value and every intermediate of backward belong to the current
 * {@link Scope}; a leaf's accumulated gradient belongs to the scope of the leaf's value (the
 * model's scope for parameters), so it survives the per-iteration scope.
 *
 * <p>Not thread-safe, like the tensors it holds.
 */
public class Variable {

  /** Sends the gradient of an operation's output back to its inputs. */
  @FunctionalInterface
  interface Backward {
    /** Gradients for each input, in order; an entry may be null where none is needed. */
    Tensor[] apply(Tensor gradOutput);
  }

  private record Node(String op, Variable[] inputs, Backward backward) {}

  private final Tensor value;
  private final boolean requiresGrad;
  private Node node;
  private Tensor grad;

  /**
   * A leaf holding {@code value}; with {@code requiresGrad}, {@link #backward()} accumulates its
   * gradient.
   */
  public Variable(Tensor value, boolean requiresGrad) {
    this.value = Objects.requireNonNull(value, "value");
    this.requiresGrad = requiresGrad;
  }

  private Variable(Tensor value, Node node) {
    this.value = value;
    this.requiresGrad = true;
    this.node = node;
  }

  /** A leaf that needs no gradient: an input or a target. */
  public static Variable constant(Tensor value) {
    return new Variable(value, false);
  }

  public final Tensor value() {
    return value;
  }

  public final Shape shape() {
    return value.shape();
  }

  /** Whether a gradient flows to or through this variable. */
  public final boolean requiresGrad() {
    return requiresGrad;
  }

  /** Whether this variable was made by a recorded operation (not a leaf). */
  public final boolean hasGraph() {
    return node != null;
  }

  /** The accumulated gradient of a leaf, or {@code null} before the first backward. */
  public final Tensor grad() {
    return grad;
  }

  /** Sets the accumulated gradient to zero, keeping its storage. */
  public final void zeroGrad() {
    if (grad != null) {
      grad.fill(0f);
    }
  }

  /** Drops the accumulated gradient (its storage stays with its scope). */
  protected final void clearGrad() {
    if (grad != null) {
      grad.close();
      grad = null;
    }
  }

  // ------------------------------------------------------------------ backward

  /** Back-propagates from this scalar: {@code d this / d leaf} is added to every leaf's grad. */
  public final void backward() {
    if (value.shape().size() != 1) {
      throw new IllegalStateException(
          "backward: needs a single-valued result such as a loss, got shape " + value.shape()
              + "; reduce it first (sum() or mean())");
    }
    try (Tensor seed = Tensor.full(value.shape(), 1f)) {
      backward(seed);
    }
  }

  /** Back-propagates {@code gradOutput}, which has this variable's shape. */
  public final void backward(Tensor gradOutput) {
    if (!requiresGrad) {
      throw new IllegalStateException(
          "backward: this variable does not require a gradient: nothing it depends on is a "
              + "parameter, or it was computed under GradMode.noGrad()");
    }
    if (!gradOutput.shape().equals(value.shape())) {
      throw new IllegalArgumentException(
          "backward: gradient shape " + gradOutput.shape() + " differs from value shape "
              + value.shape());
    }
    List<Variable> order = topologicalOrder(this);
    Map<Variable, Tensor> grads = new IdentityHashMap<>();
    grads.put(this, gradOutput);
    // Intermediate gradients are shared between map entries (add passes its gradient to both
    // inputs unchanged), so each is freed when the last entry holding it lets go.
    Map<Tensor, int[]> holders = new IdentityHashMap<>();
    try {
      for (int i = order.size() - 1; i >= 0; i--) {
        Variable v = order.get(i);
        Tensor g = grads.remove(v);
        if (g == null) {
          continue;
        }
        if (v.node == null) {
          v.accumulate(g);
        } else {
          Node n = v.node;
          v.node = null; // the graph is used once; its intermediates die with their scope
          Tensor[] inputGrads = n.backward.apply(g);
          for (int j = 0; j < n.inputs.length; j++) {
            Variable in = n.inputs[j];
            Tensor ig = inputGrads[j];
            if (ig == null) {
              continue;
            }
            if (in.requiresGrad) {
              Tensor prior = grads.get(in);
              Tensor next = prior == null ? ig : prior.add(ig);
              grads.put(in, next);
              hold(holders, next, gradOutput);
              if (prior != null) {
                drop(holders, prior, gradOutput);
              }
            }
            if (ig != g && ig != gradOutput && !holders.containsKey(ig)) {
              ig.close();
            }
          }
        }
        drop(holders, g, gradOutput);
      }
    } finally {
      for (Tensor t : holders.keySet()) {
        t.close();
      }
    }
  }

  private static void hold(Map<Tensor, int[]> holders, Tensor t, Tensor seed) {
    if (t != seed) {
      holders.computeIfAbsent(t, k -> new int[1])[0]++;
    }
  }

  private static void drop(Map<Tensor, int[]> holders, Tensor t, Tensor seed) {
    int[] count = holders.get(t);
    if (t != seed && count != null && --count[0] == 0) {
      holders.remove(t);
      t.close();
    }
  }

  private void accumulate(Tensor g) {
    if (grad == null) {
      try (Scope.Activation home = value.scope().activate()) {
        grad = Tensor.zeros(value.shape());
      }
    }
    grad.axpby(1f, g, 1f);
  }

  private static List<Variable> topologicalOrder(Variable root) {
    List<Variable> order = new ArrayList<>();
    Set<Variable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    visited.add(root);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Variable v = (Variable) frame[0];
      int next = (Integer) frame[1];
      Variable[] inputs = v.node == null ? new Variable[0] : v.node.inputs;
      if (next < inputs.length) {
        frame[1] = next + 1;
        Variable in = inputs[next];
        if (in.requiresGrad && visited.add(in)) {
          stack.push(new Object[] {in, 0});
        }
      } else {
        stack.pop();
        order.add(v);
      }
    }
    return order;
  }

  // ------------------------------------------------------------------ recording

  private static Variable record(String op, Tensor out, Backward backward, Variable... inputs) {
    if (!GradMode.isEnabled()) {
      return new Variable(out, false);
    }
    for (Variable in : inputs) {
      if (in.requiresGrad) {
        return new Variable(out, new Node(op, inputs, backward));
      }
    }
    return new Variable(out, false);
  }

  /** Sums {@code g} down to {@code shape}, undoing broadcasting. Returns {@code g} if it fits. */
  static Tensor unbroadcast(Tensor g, Shape shape) {
    Shape gs = g.shape();
    if (gs.equals(shape)) {
      return g;
    }
    Tensor cur = g;
    int extra = gs.rank() - shape.rank();
    for (int axis = 0; axis < gs.rank(); axis++) {
      boolean leading = axis < extra;
      if (leading || (shape.dim(axis - extra) == 1 && gs.dim(axis) != 1)) {
        Tensor next = cur.sum(axis, true);
        if (cur != g) {
          cur.close();
        }
        cur = next;
      }
    }
    Tensor out = cur.reshape(shape);
    if (cur != g) {
      cur.close();
    }
    return out;
  }

  // ------------------------------------------------------------------ binary

  public final Variable add(Variable o) {
    Tensor out = value.add(o.value);
    Shape as = shape();
    Shape bs = o.shape();
    return record("add", out, g -> new Tensor[] {unbroadcast(g, as), unbroadcast(g, bs)}, this, o);
  }

  public final Variable sub(Variable o) {
    Tensor out = value.sub(o.value);
    Shape as = shape();
    Shape bs = o.shape();
    return record("sub", out, g -> {
      Tensor neg = g.neg();
      Tensor gb = unbroadcast(neg, bs);
      if (gb != neg) {
        neg.close();
      }
      return new Tensor[] {unbroadcast(g, as), gb};
    }, this, o);
  }

  public final Variable mul(Variable o) {
    Tensor out = value.mul(o.value);
    Tensor a = value;
    Tensor b = o.value;
    return record("mul", out, g -> new Tensor[] {
        requiresGrad ? reduced(g.mul(b), a.shape()) : null,
        o.requiresGrad ? reduced(g.mul(a), b.shape()) : null}, this, o);
  }

  public final Variable div(Variable o) {
    Tensor out = value.div(o.value);
    Tensor a = value;
    Tensor b = o.value;
    return record("div", out, g -> {
      Tensor ga = requiresGrad ? reduced(g.div(b), a.shape()) : null;
      Tensor gb = null;
      if (o.requiresGrad) {
        try (Tensor q = g.mul(out); Tensor r = q.div(b)) {
          gb = reduced(r.neg(), b.shape());
        }
      }
      return new Tensor[] {ga, gb};
    }, this, o);
  }

  /** {@link #unbroadcast}, closing {@code t} when a reduction replaced it. */
  private static Tensor reduced(Tensor t, Shape shape) {
    Tensor r = unbroadcast(t, shape);
    if (r != t) {
      t.close();
    }
    return r;
  }

  /** The matrix product of two rank-2 variables. */
  public final Variable matmul(Variable o) {
    Tensor out = value.matmul(o.value);
    Tensor a = value;
    Tensor b = o.value;
    return record("matmul", out, g -> new Tensor[] {
        requiresGrad ? g.matmul(false, b, true) : null,
        o.requiresGrad ? a.matmul(true, g, false) : null}, this, o);
  }

  // ------------------------------------------------------------------ scalar

  public final Variable add(float s) {
    return record("add", value.add(s), g -> new Tensor[] {g}, this);
  }

  public final Variable mul(float s) {
    return record("mul", value.mul(s), g -> new Tensor[] {g.mul(s)}, this);
  }

  public final Variable pow(float p) {
    Tensor a = value;
    return record("pow", value.pow(p), g -> {
      try (Tensor d = a.pow(p - 1f); Tensor ds = d.mul(p)) {
        return new Tensor[] {g.mul(ds)};
      }
    }, this);
  }

  // ------------------------------------------------------------------ unary

  public final Variable neg() {
    return record("neg", value.neg(), g -> new Tensor[] {g.neg()}, this);
  }

  public final Variable exp() {
    Tensor out = value.exp();
    return record("exp", out, g -> new Tensor[] {g.mul(out)}, this);
  }

  public final Variable log() {
    Tensor a = value;
    return record("log", value.log(), g -> new Tensor[] {g.div(a)}, this);
  }

  public final Variable sqrt() {
    Tensor out = value.sqrt();
    return record("sqrt", out, g -> {
      try (Tensor half = g.mul(0.5f)) {
        return new Tensor[] {half.div(out)};
      }
    }, this);
  }

  public final Variable square() {
    Tensor a = value;
    return record("square", value.square(), g -> {
      try (Tensor twice = a.mul(2f)) {
        return new Tensor[] {g.mul(twice)};
      }
    }, this);
  }

  public final Variable abs() {
    Tensor a = value;
    return record("abs", value.abs(), g -> {
      try (Tensor s = a.sign()) {
        return new Tensor[] {g.mul(s)};
      }
    }, this);
  }

  public final Variable tanh() {
    Tensor out = value.tanh();
    return record("tanh", out, g -> {
      try (Tensor sq = out.square(); Tensor d = sq.rsub(1f)) {
        return new Tensor[] {g.mul(d)};
      }
    }, this);
  }

  public final Variable sigmoid() {
    Tensor out = value.sigmoid();
    return record("sigmoid", out, g -> {
      try (Tensor one = out.rsub(1f); Tensor d = out.mul(one)) {
        return new Tensor[] {g.mul(d)};
      }
    }, this);
  }

  public final Variable relu() {
    Tensor a = value;
    return record("relu", value.relu(), g -> {
      try (Tensor mask = a.step()) {
        return new Tensor[] {g.mul(mask)};
      }
    }, this);
  }

  // ------------------------------------------------------------------ reductions and shape

  /** The sum of all elements (a scalar). */
  public final Variable sum() {
    Shape s = shape();
    return record("sum", value.sum(), g -> new Tensor[] {g.broadcastTo(s)}, this);
  }

  /** The mean of all elements (a scalar). */
  public final Variable mean() {
    Shape s = shape();
    float n = s.size();
    return record("mean", value.mean(), g -> {
      try (Tensor scaled = g.mul(1f / n)) {
        return new Tensor[] {scaled.broadcastTo(s)};
      }
    }, this);
  }

  /** Sums along {@code axis}. */
  public final Variable sum(int axis, boolean keepDims) {
    Shape s = shape();
    Shape kept = s.with(axis, 1);
    return record("sum", value.sum(axis, keepDims), g -> {
      Tensor k = keepDims ? g : g.reshape(kept);
      Tensor out = k.broadcastTo(s);
      if (k != g) {
        k.close();
      }
      return new Tensor[] {out};
    }, this);
  }

  /** Averages along {@code axis}. */
  public final Variable mean(int axis, boolean keepDims) {
    Shape s = shape();
    Shape kept = s.with(axis, 1);
    float n = s.dim(axis);
    return record("mean", value.mean(axis, keepDims), g -> {
      try (Tensor scaled = g.mul(1f / n); Tensor k = scaled.reshape(kept)) {
        return new Tensor[] {k.broadcastTo(s)};
      }
    }, this);
  }

  public final Variable reshape(Shape newShape) {
    Shape s = shape();
    return record("reshape", value.reshape(newShape), g -> new Tensor[] {g.reshape(s)}, this);
  }

  public final Variable transpose() {
    return record("transpose", value.transpose(), g -> new Tensor[] {g.transpose()}, this);
  }

  // ------------------------------------------------------------------ fused

  /**
   * {@code x @ weight^T + bias} in one backend call: {@code x} is {@code [n, in]}, {@code
   * weight} {@code [out, in]}, {@code bias} {@code [out]} or {@code null}.
   */
  public static Variable linear(Variable x, Variable weight, Variable bias) {
    Tensor xv = x.value;
    Tensor wv = weight.value;
    Tensor bv = bias == null ? null : bias.value;
    xv.requireCompatible("linear", wv);
    if (bv != null) {
      xv.requireCompatible("linear", bv);
    }
    Shape xs = xv.shape();
    Shape ws = wv.shape();
    if (xs.rank() != 2 || ws.rank() != 2 || xs.cols() != ws.cols()) {
      throw new IllegalArgumentException(
          "linear: input " + xs + " does not fit weight " + ws + " (expected [n, " 
              + (ws.rank() == 2 ? ws.cols() : "in") + "])");
    }
    if (bv != null && !bv.shape().equals(Shape.of(ws.rows()))) {
      throw new IllegalArgumentException(
          "linear: bias " + bv.shape() + " does not fit weight " + ws + " (expected ["
              + ws.rows() + "])");
    }
    Tensor out = xv.backend().linear(xv, wv, bv);
    if (!out.shape().equals(Shape.of(xs.rows(), ws.rows()))) {
      throw new IllegalStateException("linear: backend returned shape " + out.shape());
    }
    Backward back = g -> new Tensor[] {
        x.requiresGrad ? g.matmul(false, wv, false) : null,
        weight.requiresGrad ? g.matmul(true, xv, false) : null,
        bias != null && bias.requiresGrad ? g.sum(0, false) : null};
    return bias == null
        ? record("linear", out, g -> {
            Tensor[] r = back.apply(g);
            return new Tensor[] {r[0], r[1]};
          }, x, weight)
        : record("linear", out, back, x, weight, bias);
  }

  /**
   * Mean softmax cross-entropy of {@code logits} ({@code [n, k]}) against target distributions
   * of the same shape (one-hot rows for hard labels), as a scalar, in one backend call.
   */
  public static Variable softmaxCrossEntropy(Variable logits, Tensor targets) {
    Tensor lv = logits.value;
    lv.requireCompatible("softmaxCrossEntropy", targets);
    if (lv.shape().rank() != 2 || !lv.shape().equals(targets.shape())) {
      throw new IllegalArgumentException(
          "softmaxCrossEntropy: logits " + lv.shape() + " and targets " + targets.shape()
              + " must both be [n, classes]");
    }
    LossAndGradient r = lv.backend().softmaxCrossEntropy(lv, targets);
    Tensor gradient = r.gradient();
    return record("softmaxCrossEntropy", r.loss(), g -> new Tensor[] {gradient.mul(g.item())},
        logits);
  }

  /**
   * Mean binary cross-entropy of {@code logits} against targets in {@code [0, 1]} of the same
   * shape, computed stably as {@code max(x, 0) - x * y + log(1 + exp(-|x|))}; its gradient is
   * {@code (sigmoid(x) - y) / n}.
   */
  public static Variable binaryCrossEntropyWithLogits(Variable logits, Tensor targets) {
    Tensor x = logits.value;
    x.requireCompatible("binaryCrossEntropy", targets);
    if (!x.shape().equals(targets.shape())) {
      throw new IllegalArgumentException(
          "binaryCrossEntropy: logits " + x.shape() + " and targets " + targets.shape()
              + " differ");
    }
    Tensor loss;
    try (Tensor pos = x.relu();
        Tensor xy = x.mul(targets);
        Tensor absx = x.abs();
        Tensor negAbs = absx.neg();
        Tensor e = negAbs.exp();
        Tensor onePlus = e.add(1f);
        Tensor softplus = onePlus.log();
        Tensor diff = pos.sub(xy);
        Tensor each = diff.add(softplus)) {
      loss = each.mean();
    }
    int n = x.shape().size();
    return record("binaryCrossEntropy", loss, g -> {
      try (Tensor s = x.sigmoid(); Tensor d = s.sub(targets)) {
        return new Tensor[] {d.mul(g.item() / n)};
      }
    }, logits);
  }

  @Override
  public String toString() {
    return "Variable(" + value + (requiresGrad ? ", requiresGrad" : "") + ")";
  }
}
