package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.Arrays;

/**
 * Computes a fingerprint of results that PyTorch may split over its threads: a few MLP training
 * steps, a 512-square matmul, and sums and softmax over a large tensor. Run as a main, it prints
 * the fingerprint, so that a test can compare runs in separate JVMs.
 */
final class DeterminismProbe {

  private DeterminismProbe() {}

  static String fingerprint(Backend backend) {
    int h = 17;
    try (Scope root = Scope.open(backend)) {
      MlpStep mlp = new MlpStep(128, 300, 200, 10, 5);
      for (int i = 0; i < 12; i++) {
        h = 31 * h + Float.floatToRawIntBits(mlp.step());
      }
      for (Tensor p : mlp.parameters()) {
        h = 31 * h + Arrays.hashCode(p.toArray());
      }
      Tensor a = Tensor.of(Shape.of(512, 512), Ref.random(1, 512 * 512, -1, 1));
      Tensor b = Tensor.of(Shape.of(512, 512), Ref.random(2, 512 * 512, -1, 1));
      h = 31 * h + Arrays.hashCode(a.matmul(b).toArray());
      h = 31 * h + Arrays.hashCode(a.matmul(true, b, true).toArray());
      Tensor big = Tensor.of(Shape.of(1024, 2048), Ref.random(3, 1024 * 2048, -1, 1));
      h = 31 * h + Arrays.hashCode(big.sum(0, false).toArray());
      h = 31 * h + Arrays.hashCode(big.sum(1, false).toArray());
      h = 31 * h + Float.floatToRawIntBits(big.mean().item());
      h = 31 * h + Arrays.hashCode(backend.softmaxCrossEntropy(big, big).gradient().toArray());
    }
    return Integer.toHexString(h);
  }

  public static void main(String[] args) {
    System.out.println("fingerprint " + fingerprint(DjlEngine.newBackend()));
  }
}
