package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Scope;

/** Median and best time of an MLP training step (784-256-10, batch 128, plus probes). Not a test. */
public final class MlpStepCost {

  private MlpStepCost() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    try (Scope root = Scope.open(DjlEngine.newBackend())) {
      MlpStep mlp = new MlpStep(128, 784, 256, 10, 3);
      for (int i = 0; i < 50; i++) {
        mlp.step();
      }
      long[] t = new long[steps];
      for (int i = 0; i < steps; i++) {
        long t0 = System.nanoTime();
        mlp.step();
        t[i] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(t);
      System.out.printf("MLP step: best %.0f us, median %.0f us, p90 %.0f us%n",
          t[0] / 1e3, t[steps / 2] / 1e3, t[steps * 9 / 10] / 1e3);
    }
  }
}
