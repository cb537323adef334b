package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hundred epochs on the digits with layers wide enough that the products and the updates are
 * split over two threads: the heap after a collection and the resident set stay flat, because
 * every step's buffers (the workers' packing temporaries included) come back to the pools.
 */
@DisplayName("Memory on the cpu backend")
class MemoryFlatTest {

  @Test
  @DisplayName("stays flat over 100 epochs of training on two threads")
  void flatOverHundredEpochs() throws IOException {
    DigitsMlpTest.Digits digits = DigitsMlpTest.load();
    int n = digits.y().length;
    Rng rng = Rng.seeded(3);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapAt10 = 0;
    long residentAt10 = 0;
    int tensorsAt10 = 0;
    double first = Double.NaN;
    double last = Double.NaN;
    try (Scope model = Scope.open(new CpuBackend(2))) {
      Module net = new Sequential(new Linear(64, 512, rng.split("l1")), new ReLU(),
          new Linear(512, 256, rng.split("l2")), new ReLU(), new Linear(256, 10, rng.split("l3")));
      Optimizer sgd = Sgd.builder(net.parameters()).learningRate(0.05).momentum(0.9).build();
      Loss loss = Loss.softmaxCrossEntropy();
      Rng shuffle = rng.split("shuffle");
      int batch = 128;
      for (int epoch = 1; epoch <= 100; epoch++) {
        int[] perm = shuffle.permutation(n);
        double sum = 0;
        int batches = 0;
        for (int s = 0; s + batch <= n; s += batch) {
          int[] idx = java.util.Arrays.copyOfRange(perm, s, s + batch);
          try (Scope step = Scope.open()) {
            sgd.zeroGrad();
            Variable l = loss.apply(net.forward(DigitsMlpTest.rows(digits, idx)),
                Tensor.oneHot(DigitsMlpTest.labels(digits, idx), 10));
            l.backward();
            sgd.step();
            sum += l.value().item();
            batches++;
          }
        }
        if (epoch == 1) {
          first = sum / batches;
        }
        last = sum / batches;
        if (epoch == 10) {
          System.gc();
          heapAt10 = memory.getHeapMemoryUsage().getUsed();
          residentAt10 = residentKb();
          tensorsAt10 = model.openTensorCount();
        }
      }
      assertThat(model.openTensorCount()).as("tensors of the model scope: parameters, gradients, "
          + "velocities").isEqualTo(tensorsAt10).isLessThanOrEqualTo(18);
    }
    System.gc();
    long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapAt10;
    long residentGrowth = residentKb() - residentAt10;
    assertThat(heapGrowth).as("heap growth in bytes from epoch 10 to 100").isLessThan(8L << 20);
    assertThat(residentGrowth).as("resident growth in KB from epoch 10 to 100")
        .isLessThan(64 * 1024);
    assertThat(last).isLessThan(first / 4);
  }

  private static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
