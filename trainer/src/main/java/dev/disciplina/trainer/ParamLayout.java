package dev.disciplina.trainer;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flat vector that ranks exchange: every parameter, in the model's naming order, at a fixed
 * offset. {@link #hash()} fingerprints names and shapes, so ranks that built different models
 * find out when they meet instead of summing unrelated numbers. Immutable once built; {@link
 * #packGradients} and {@link #loadGradients} are called by the training thread.
 */
public final class ParamLayout {

  /** One parameter's place in the flat vector. */
  public record Entry(String name, String shape, int offset, int length) {}

  private final List<Entry> entries;
  private final List<Parameter> parameters;
  private final int size;
  private final long hash;

  private ParamLayout(List<Entry> entries, List<Parameter> parameters, int size, long hash) {
    this.entries = List.copyOf(entries);
    this.parameters = List.copyOf(parameters);
    this.size = size;
    this.hash = hash;
  }

  /** The layout of {@code named} (a model's {@code namedParameters()}), in its order. */
  public static ParamLayout of(Map<String, Parameter> named) {
    List<Entry> entries = new ArrayList<>();
    List<Parameter> params = new ArrayList<>();
    long offset = 0;
    long h = 0xcbf29ce484222325L;
    for (Map.Entry<String, Parameter> e : named.entrySet()) {
      Tensor v = e.getValue().value();
      int length = v.shape().size();
      entries.add(new Entry(e.getKey(), v.shape().toString(), (int) offset, length));
      params.add(e.getValue());
      offset += length;
      if (offset > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("the model has more than 2^31 parameter values; "
            + "the flat exchange vector cannot hold them");
      }
      for (char c : (e.getKey() + "=" + v.shape() + ";").toCharArray()) {
        h = (h ^ c) * 0x100000001b3L;
      }
    }
    return new ParamLayout(entries, params, (int) offset, h);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The number of floats in the flat vector. */
  public int size() {
    return size;
  }

  /** A fingerprint of the names and shapes, in order. */
  public long hash() {
    return hash;
  }

  /**
   * Copies every parameter's accumulated gradient, times {@code scale}, into {@code flat};
   * a parameter without a gradient contributes zeros.
   */
  public void packGradients(float[] flat, float scale) {
    checkLength(flat);
    for (int k = 0; k < parameters.size(); k++) {
      Entry e = entries.get(k);
      Tensor g = parameters.get(k).grad();
      if (g == null) {
        java.util.Arrays.fill(flat, e.offset(), e.offset() + e.length(), 0f);
        continue;
      }
      float[] values = g.toArray();
      for (int i = 0; i < e.length(); i++) {
        flat[e.offset() + i] = values[i] * scale;
      }
    }
  }

  /**
   * Overwrites every parameter's gradient with its part of {@code flat} divided by {@code
   * divisor}. Every parameter must already have a gradient (a backward pass ran).
   */
  public void loadGradients(float[] flat, float divisor) {
    checkLength(flat);
    for (int k = 0; k < parameters.size(); k++) {
      Entry e = entries.get(k);
      Parameter p = parameters.get(k);
      Tensor g = p.grad();
      if (g == null) {
        throw new IllegalStateException("parameter '" + e.name() + "' has no gradient to "
            + "overwrite: no backward pass reached it on this rank");
      }
      float[] values = new float[e.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = flat[e.offset() + i] / divisor;
      }
      try (Scope.Activation home = g.scope().activate(); Tensor t = Tensor.of(g.shape(), values)) {
        g.assign(t);
      }
    }
  }

  /** Every parameter's current values, concatenated. */
  public float[] packValues() {
    float[] flat = new float[size];
    for (int k = 0; k < parameters.size(); k++) {
      float[] values = parameters.get(k).value().toArray();
      System.arraycopy(values, 0, flat, entries.get(k).offset(), values.length);
    }
    return flat;
  }

  /** Overwrites every parameter's values from {@code flat}. */
  public void loadValues(float[] flat) {
    checkLength(flat);
    for (int k = 0; k < parameters.size(); k++) {
      Entry e = entries.get(k);
      parameters.get(k).load(java.util.Arrays.copyOfRange(flat, e.offset(),
          e.offset() + e.length()));
    }
  }

  private void checkLength(float[] flat) {
    if (flat.length != size) {
      throw new IllegalArgumentException("the flat vector has " + flat.length
          + " values; the layout has " + size);
    }
  }
}
