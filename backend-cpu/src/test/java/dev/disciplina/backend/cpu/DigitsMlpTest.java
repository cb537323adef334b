package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The foundation end to end: a small MLP trained with a hand-written loop over the api alone —
 * scopes, autograd, layers, loss, optimizer — on real data (UCI handwritten digits, 1797 8x8
 * images shipped with the api), scored on a held-out fifth it never trained on.
 */
class DigitsMlpTest {

  private static final int FEATURES = 64;
  private static final int CLASSES = 10;

  record Digits(float[] x, int[] y) {}

  static Digits load() throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream raw = DigitsMlpTest.class.getResourceAsStream(
            "/dev/disciplina/api/data/digits.csv.gz");
        BufferedReader in = new BufferedReader(
            new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",");
        float[] row = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
          row[i] = Float.parseFloat(cells[i]) / 16f;
        }
        rows.add(row);
        labels.add((int) Float.parseFloat(cells[FEATURES]));
      }
    }
    float[] x = new float[rows.size() * FEATURES];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, x, i * FEATURES, FEATURES);
    }
    return new Digits(x, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  static Tensor rows(Digits d, int[] idx) {
    float[] out = new float[idx.length * FEATURES];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(d.x, idx[i] * FEATURES, out, i * FEATURES, FEATURES);
    }
    return Tensor.of(Shape.of(idx.length, FEATURES), out);
  }

  static int[] labels(Digits d, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = d.y[idx[i]];
    }
    return out;
  }

  @Test
  @DisplayName("a hand-written loop trains an MLP to at least 95% accuracy on held-out digits")
  void trainsDigits() throws IOException {
    Digits digits = load();
    assertThat(digits.y).hasSize(1797);
    Rng rng = Rng.seeded(2026);
    int[] order = rng.split("split").permutation(digits.y.length);
    int validation = digits.y.length / 5;
    int[] valIdx = Arrays.copyOfRange(order, 0, validation);
    int[] trainIdx = Arrays.copyOfRange(order, validation, order.length);

    try (Scope model = Scope.open(Backends.named("cpu"))) {
      Module net = new Sequential(
          new Linear(FEATURES, 64, rng.split("layer1")), new ReLU(),
          new Linear(64, CLASSES, rng.split("layer2")));
      Optimizer sgd = Sgd.builder(net.parameters()).learningRate(0.1).momentum(0.9).build();
      Loss loss = Loss.softmaxCrossEntropy();
      Rng shuffle = rng.split("shuffle");
      int batch = 32;
      double firstEpochLoss = 0;
      double lastEpochLoss = 0;
      for (int epoch = 1; epoch <= 15; epoch++) {
        net.train();
        int[] perm = shuffle.permutation(trainIdx.length);
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < perm.length; start += batch) {
          int[] idx = new int[Math.min(batch, perm.length - start)];
          for (int i = 0; i < idx.length; i++) {
            idx[i] = trainIdx[perm[start + i]];
          }
          try (Scope step = Scope.open()) {
            sgd.zeroGrad();
            Variable l = loss.apply(net.forward(rows(digits, idx)),
                Tensor.oneHot(labels(digits, idx), CLASSES));
            l.backward();
            sgd.step();
            sum += l.value().item();
            batches++;
          }
        }
        if (epoch == 1) {
          firstEpochLoss = sum / batches;
        }
        lastEpochLoss = sum / batches;
      }
      assertThat(lastEpochLoss).isLessThan(firstEpochLoss / 4);

      Map<String, float[]> before = net.stateDict();
      net.eval();
      int correct = 0;
      try (Scope eval = Scope.open(); GradMode.Guard off = GradMode.noGrad()) {
        float[] predicted = net.forward(rows(digits, valIdx)).value().argmax(1).toArray();
        int[] truth = labels(digits, valIdx);
        for (int i = 0; i < truth.length; i++) {
          if ((int) predicted[i] == truth[i]) {
            correct++;
          }
        }
      }
      double accuracy = (double) correct / valIdx.length;
      assertThat(accuracy).as("held-out accuracy").isGreaterThanOrEqualTo(0.95);
      Map<String, float[]> after = net.stateDict();
      before.forEach((name, v) -> assertThat(after.get(name)).as(name).containsExactly(v));
    }
  }
}
