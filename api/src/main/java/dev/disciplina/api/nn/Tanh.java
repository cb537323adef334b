package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;

/** The elementwise activation {@code tanh}. */
public final class Tanh extends Module {

  @Override
  public Variable forward(Variable input) {
    return input.tanh();
  }

  @Override
  public String toString() {
    return "Tanh";
  }
}
