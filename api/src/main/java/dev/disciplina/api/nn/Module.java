package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a network of layers: a function from a batch to a batch, with named {@link
 * Parameter}s, named buffers (state that is not trained, such as batch normalisation's running
 * statistics) and child modules.
 *
 * <p><b>Mode.</b> {@link #train()} and {@link #eval()} set the {@link Mode} of this module and
 * all its children. A new module is in training mode.
 *
 * <p><b>Names.</b> Parameters and buffers are named by their path: {@code 0.weight}, {@code
 * 2.running_mean}. Names are stable, so checkpoints and checksums can be compared across runs and
 * backends.
 *
 * <p><b>Memory.</b> Parameters and buffers are made in the scope current at construction and live
 * as long as it does: build a model inside its own long-lived scope.
 *
 * <p>Subclasses register what they own in their constructor with {@link #register(String,
 * Parameter)}, {@link #register(String, Module)} and {@link #registerBuffer(String, Tensor)}.
 */
public abstract class Module {

  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private Mode mode = Mode.TRAIN;

  /** Computes this module's output for {@code input}. */
  public abstract Variable forward(Variable input);

  /** {@link #forward(Variable)} on a tensor that needs no gradient. */
  public final Variable forward(Tensor input) {
    return forward(Variable.constant(input));
  }

  /** Switches this module and its children to training mode; returns this. */
  public final Module train() {
    setMode(Mode.TRAIN);
    return this;
  }

  /** Switches this module and its children to evaluation mode; returns this. */
  public final Module eval() {
    setMode(Mode.EVAL);
    return this;
  }

  private void setMode(Mode m) {
    mode = m;
    for (Module c : children.values()) {
      c.setMode(m);
    }
  }

  public final Mode mode() {
    return mode;
  }

  public final boolean isTraining() {
    return mode == Mode.TRAIN;
  }

  protected final Parameter register(String name, Parameter p) {
    checkName(name);
    parameters.put(name, p);
    return p;
  }

  protected final <M extends Module> M register(String name, M child) {
    checkName(name);
    children.put(name, child);
    return child;
  }

  protected final Tensor registerBuffer(String name, Tensor t) {
    checkName(name);
    buffers.put(name, t);
    return t;
  }

  private void checkName(String name) {
    if (name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException("invalid name '" + name + "': non-empty, without dots");
    }
    if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " already has something named '" + name + "'");
    }
  }

  /** Child modules by name, in registration order. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Every parameter of this module and its descendants, by path, in registration order. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out, null);
    return out;
  }

  /** Every buffer of this module and its descendants, by path. */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", null, out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> ps, Map<String, Tensor> bs) {
    if (ps != null) {
      parameters.forEach((n, p) -> ps.put(prefix + n, p));
    }
    if (bs != null) {
      buffers.forEach((n, b) -> bs.put(prefix + n, b));
    }
    children.forEach((n, c) -> c.collect(prefix + n + ".", ps, bs));
  }

  /** Every parameter, in the order of {@link #namedParameters()}. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** The number of trainable values. */
  public final long parameterCount() {
    long n = 0;
    for (Parameter p : namedParameters().values()) {
      n += p.value().shape().size();
    }
    return n;
  }

  /**
   * A copy of every parameter and buffer, by name: the model's whole state, for checkpoints,
   * restoring the best weights, and checking that evaluation changed nothing.
   */
  public final Map<String, float[]> stateDict() {
    Map<String, float[]> out = new LinkedHashMap<>();
    namedParameters().forEach((n, p) -> out.put(n, p.value().toArray()));
    namedBuffers().forEach((n, b) -> out.put(n, b.toArray()));
    return out;
  }

  /** Overwrites parameters and buffers in place from {@code state}, which must name them all. */
  public final void loadStateDict(Map<String, float[]> state) {
    Map<String, Parameter> ps = namedParameters();
    Map<String, Tensor> bs = namedBuffers();
    for (String name : ps.keySet()) {
      if (!state.containsKey(name)) {
        throw new IllegalArgumentException("loadStateDict: no values for parameter '" + name + "'");
      }
    }
    for (String name : bs.keySet()) {
      if (!state.containsKey(name)) {
        throw new IllegalArgumentException("loadStateDict: no values for buffer '" + name + "'");
      }
    }
    ps.forEach((n, p) -> p.load(state.get(n)));
    bs.forEach((n, b) -> {
      float[] v = state.get(n);
      if (v.length != b.shape().size()) {
        throw new IllegalArgumentException("loadStateDict: buffer '" + n + "' of shape "
            + b.shape() + " needs " + b.shape().size() + " values, got " + v.length);
      }
      try (var home = b.scope().activate(); Tensor t = Tensor.of(b.shape(), v)) {
        b.assign(t);
      }
    });
  }

  /** A one-line description, such as {@code Linear(64 -> 32)}. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
