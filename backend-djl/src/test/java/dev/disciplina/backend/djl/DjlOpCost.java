package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.function.Supplier;

/**
 * Per-operation cost of the djl backend, in microseconds, measured in-process. Not a test: run
 * with {@code java -cp <test class path> dev.disciplina.backend.djl.DjlOpCost}.
 */
public final class DjlOpCost {

  private DjlOpCost() {}

  private static double time(String name, int reps, Runnable op) {
    for (int i = 0; i < reps / 4; i++) {
      op.run();
    }
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        op.run();
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    double us = best / 1e3 / reps;
    System.out.printf("%-44s %9.2f us%n", name, us);
    return us;
  }

  /** Runs {@code make} in a fresh scope each time, so results are freed as in training. */
  private static Runnable scoped(Supplier<?> make) {
    return () -> {
      try (Scope s = Scope.open()) {
        make.get();
      }
    };
  }

  public static void main(String[] args) {
    Backend backend = DjlEngine.newBackend();
    System.out.println(backend.description());
    try (Scope root = Scope.open(backend)) {
      Tensor tiny = Tensor.of(Shape.of(4), 1, 2, 3, 4);
      Tensor small = Tensor.of(Shape.of(128, 10), Ref.random(1, 1280, -1, 1));
      Tensor mid = Tensor.of(Shape.of(128, 128), Ref.random(2, 128 * 128, -1, 1));
      Tensor midB = Tensor.of(Shape.of(128, 128), Ref.random(3, 128 * 128, -1, 1));
      Tensor x = Tensor.of(Shape.of(128, 784), Ref.random(4, 128 * 784, 0, 1));
      Tensor w = Tensor.of(Shape.of(256, 784), Ref.random(5, 256 * 784, -0.05, 0.05));
      Tensor b = Tensor.zeros(Shape.of(256));
      Tensor row = Tensor.of(Shape.of(128), Ref.random(6, 128, -1, 1));
      float[] data = Ref.random(7, 128 * 784, 0, 1);
      float[] out = new float[128 * 784];
      int reps = Integer.getInteger("reps", 2000);

      time("scope open/close only", reps, scoped(() -> null));
      time("full [4]", reps, scoped(() -> Tensor.zeros(Shape.of(4))));
      time("add [4]+[4]", reps, scoped(() -> tiny.add(tiny)));
      time("mul [4]*scalar", reps, scoped(() -> tiny.mul(2f)));
      time("relu [4]", reps, scoped(() -> tiny.relu()));
      time("add [128,128]+[128,128]", reps, scoped(() -> mid.add(midB)));
      time("add [128,128]+[128] (broadcast)", reps, scoped(() -> mid.add(row)));
      time("mul [128,128]*scalar", reps, scoped(() -> mid.mul(0.5f)));
      time("step [128,128]", reps, scoped(() -> mid.step()));
      time("sum [128,128] axis 0", reps, scoped(() -> mid.sum(0, false)));
      time("reshape [128,128]", reps, scoped(() -> mid.reshape(Shape.of(16384))));
      time("transpose [128,128]", reps, scoped(() -> mid.transpose()));
      time("softmaxCE [128,10]", reps,
          scoped(() -> backend.softmaxCrossEntropy(small, small)));
      time("matmul 128x128x128", reps, scoped(() -> mid.matmul(midB)));
      time("matmul^T 128x128x128 (a^T b)", reps, scoped(() -> mid.matmul(true, midB, false)));
      time("linear [128,784]x[256,784]^T+b", reps / 4, scoped(() -> backend.linear(x, w, b)));
      time("fromArray [128,784]", reps, scoped(() -> Tensor.of(Shape.of(128, 784), data)));
      time("copyTo [128,784]", reps, () -> backend.copyTo(x, out, 0));
      time("item of scalar", reps, scoped(() -> tiny.sum().item()));
      Tensor acc = Tensor.zeros(Shape.of(256, 784));
      time("axpby [256,784] (1, -lr)", reps / 4, () -> acc.axpby(1f, w, -0.01f));
      time("axpby [128,128] (0.9, 0.1)", reps, () -> mid.axpby(0.9f, midB, 0.1f));
      Tensor m = Tensor.zeros(w.shape());
      Tensor v = Tensor.zeros(w.shape());
      int[] step = {0};
      time("adamStep [256,784]", reps / 4,
          () -> backend.adamStep(acc, w, m, v, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, ++step[0]));
      time("sgdStep momentum [256,784]", reps / 4,
          () -> backend.sgdStep(acc, w, v, 1e-3f, 0.9f, false, 0f));
      MlpStep mlp = new MlpStep(128, 784, 256, 10, 3);
      time("MLP step 784-256-10 @128 (+probes)", reps / 10, mlp::step);
    }
  }
}
