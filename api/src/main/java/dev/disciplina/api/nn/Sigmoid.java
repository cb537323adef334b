package dev.disciplina.api.nn;

import dev.disciplina.api.autograd.Variable;

/** The elementwise activation {@code sigmoid}. */
public final class Sigmoid extends Module {

  @Override
  public Variable forward(Variable input) {
    return input.sigmoid();
  }

  @Override
  public String toString() {
    return "Sigmoid";
  }
}
