package dev.disciplina.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What every contestant trains: a multilayer perceptron with the given layer widths (ReLU between
 * layers, softmax cross-entropy on the last), SGD with momentum, at one batch size, for {@code
 * warmupEpochs} unmeasured and {@code epochs} measured passes over the training split.
 *
 * @param layers widths from input to output, e.g. {@code 784, 256, 128, 10}
 */
public record Workload(int[] layers, int batchSize, int warmupEpochs, int epochs,
    double learningRate, double momentum) {

  /** The workload of DESIGN.md: 784-256-128-10 at batch 128, lr 0.1, momentum 0.9. */
  public static final String DEFAULT_MODEL = "784-256-128-10";

  public Workload {
    layers = layers.clone();
    if (layers.length < 2) {
      throw new IllegalArgumentException("a model needs at least two widths, got "
          + Arrays.toString(layers));
    }
    for (int w : layers) {
      if (w < 1) {
        throw new IllegalArgumentException("layer widths must be positive, got "
            + Arrays.toString(layers));
      }
    }
    if (batchSize < 1 || warmupEpochs < 0 || epochs < 1) {
      throw new IllegalArgumentException("batch size and epochs must be at least 1, warm-up "
          + "epochs at least 0");
    }
  }

  /** Parses {@code 784-256-128-10}. */
  public static int[] parseModel(String spec) {
    try {
      return Arrays.stream(spec.split("-")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--model: expected widths such as " + DEFAULT_MODEL
          + ", got '" + spec + "'");
    }
  }

  @Override
  public int[] layers() {
    return layers.clone();
  }

  /** {@code 784-256-128-10}. */
  public String model() {
    return Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining("-"));
  }

  /**
   * Floating-point operations per training example: {@code 2 * in * out} multiply-adds per layer
   * forward, counted three times (forward, gradient of the weights, gradient of the inputs), the
   * usual convention. About 1.4 MFLOP for 784-256-128-10.
   */
  public double flopsPerExample() {
    double macs = 0;
    for (int i = 0; i + 1 < layers.length; i++) {
      macs += (double) layers[i] * layers[i + 1];
    }
    return 3 * 2 * macs;
  }
}
