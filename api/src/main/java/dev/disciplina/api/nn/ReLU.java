package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;

/** The elementwise activation {@code relu}. */
public final class ReLU extends Module {

  @Override
  public Variable forward(Variable input) {
    return input.relu();
  }

  @Override
  public String toString() {
    return "ReLU";
  }
}
