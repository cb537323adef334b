package dev.disciplina.benchmarks;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.api.random.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The data every contestant trains on: Fashion-MNIST's 60,000 training images (Debian's {@code
 * dataset-fashion-mnist}), or random data of the same shape when it is not installed (and the
 * report says so), plus a small validation set that the Trainer contestants need.
 */
public record TrainingData(String source, Dataset train, Dataset validation) {

  /** Loads at most {@code limit} training examples of {@code features} inputs and {@code classes}. */
  public static TrainingData load(int limit, int features, int classes) throws IOException {
    if (FashionMnist.isInstalled() && features == 784 && classes == 10) {
      Dataset train = FashionMnist.train(FashionMnist.DEBIAN_DIRECTORY);
      Dataset test = FashionMnist.test(FashionMnist.DEBIAN_DIRECTORY);
      Dataset t = limit < train.size() ? train.head(limit) : train;
      return new TrainingData("Fashion-MNIST (" + FashionMnist.DEBIAN_DIRECTORY + ")", t,
          test.head(Math.min(1000, test.size())));
    }
    String why = features == 784 && classes == 10
        ? "dataset-fashion-mnist is not installed"
        : "the model's widths are not Fashion-MNIST's 784 inputs and 10 classes";
    Rng rng = Rng.seeded(1);
    return new TrainingData("random data (" + why + ")",
        random("random-train", Math.min(limit, 60_000), features, classes, rng.split("train")),
        random("random-validation", 1000, features, classes, rng.split("validation")));
  }

  private static Dataset random(String name, int n, int features, int classes, Rng rng) {
    float[] x = new float[n * features];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class " + c);
    }
    return Dataset.classification(name, x, features, y, names);
  }
}
