package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;
import java.util.List;
import java.util.stream.Collectors;

/** Modules applied one after another; children are named {@code 0}, {@code 1}, ... */
public final class Sequential extends Module {

  private final List<Module> layers;

  public Sequential(Module... layers) {
    this(List.of(layers));
  }

  public Sequential(List<Module> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("Sequential: needs at least one module");
    }
    this.layers = List.copyOf(layers);
    for (int i = 0; i < this.layers.size(); i++) {
      register(Integer.toString(i), this.layers.get(i));
    }
  }

  public List<Module> layers() {
    return layers;
  }

  @Override
  public Variable forward(Variable input) {
    Variable x = input;
    for (int i = 0; i < layers.size(); i++) {
      try {
        x = layers.get(i).forward(x);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + "): "
            + e.getMessage(), e);
      }
    }
    return x;
  }

  @Override
  public String toString() {
    return layers.stream().map(Module::toString).collect(Collectors.joining(" -> "));
  }
}
