package dev.disciplina.trainer;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.nn.Mode;
import dev.disciplina.api.nn.Module;
import java.util.ArrayList;
import java.util.List;

/** An identity layer that records what passes through it, in which mode, with or without a tape. */
public final class Probe extends Module {

  /** One forward call. */
  public record Call(Mode mode, boolean gradEnabled, int rows, int cols, float[] input) {
    /** The fraction of exact zeros in the input. */
    public double zeroFraction() {
      int z = 0;
      for (float v : input) {
        if (v == 0f) {
          z++;
        }
      }
      return (double) z / input.length;
    }
  }

  private final List<Call> calls = new ArrayList<>();

  @Override
  public Variable forward(Variable input) {
    calls.add(new Call(mode(), GradMode.isEnabled(), input.shape().rows(), input.shape().cols(),
        input.value().toArray()));
    return input;
  }

  public List<Call> calls() {
    return calls;
  }

  public void clear() {
    calls.clear();
  }
}
