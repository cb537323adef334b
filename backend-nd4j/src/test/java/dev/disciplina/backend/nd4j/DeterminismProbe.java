package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.LossAndGradient;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A fixed computation on the {@code nd4j} backend — a few Adam steps of an MLP large enough for
 * OpenBLAS to use its threads — reduced to a SHA-256 of the bits of every result. Run as a main
 * class, it prints the digest, so a test can compare two JVMs.
 */
public final class DeterminismProbe {

  private DeterminismProbe() {}

  public static void main(String[] args) {
    System.out.println(digest(Backends.named("nd4j")));
  }

  static String digest(Backend backend) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    SplittableRandom random = new SplittableRandom(2024);
    int batch = 256;
    int in = 300;
    int hidden = 200;
    int classes = 10;
    try (Scope model = Scope.open(backend)) {
      Tensor w1 = Tensor.of(Shape.of(hidden, in), Reference.random(random, hidden * in, -0.1, 0.1));
      Tensor b1 = Tensor.zeros(Shape.of(hidden));
      Tensor w2 = Tensor.of(Shape.of(classes, hidden), Reference.random(random, classes * hidden, -0.1, 0.1));
      Tensor b2 = Tensor.zeros(Shape.of(classes));
      Tensor[] params = {w1, b1, w2, b2};
      Tensor[] m = new Tensor[4];
      Tensor[] v = new Tensor[4];
      for (int i = 0; i < 4; i++) {
        m[i] = Tensor.zeros(params[i].shape());
        v[i] = Tensor.zeros(params[i].shape());
      }
      for (int step = 1; step <= 5; step++) {
        float[] x = Reference.random(random, batch * in, -1, 1);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
          labels[i] = random.nextInt(classes);
        }
        try (Scope s = Scope.open()) {
          Tensor input = Tensor.of(Shape.of(batch, in), x);
          Tensor h = backend.linear(input, w1, b1);
          Tensor a = h.tanh();
          Tensor out = a.matmul(false, w2, true).add(b2);
          LossAndGradient lg = backend.softmaxCrossEntropy(out, Tensor.oneHot(labels, classes));
          Tensor g = lg.gradient();
          Tensor dh = g.matmul(w2).mul(a.square().rsub(1f));
          Tensor[] grads = {
            dh.matmul(true, input, false), dh.sum(0, false), g.matmul(true, a, false), g.mean(0, false)
          };
          for (int i = 0; i < 4; i++) {
            backend.adamStep(params[i], grads[i], m[i], v[i], 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, true, step);
          }
          update(sha, lg.loss().toArray());
          update(sha, out.max(1, false).toArray());
          update(sha, out.argmax(1).toArray());
        }
      }
      for (Tensor p : params) {
        update(sha, p.toArray());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, float[] values) {
    for (float f : values) {
      int bits = Float.floatToRawIntBits(f);
      sha.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
    }
  }
}
