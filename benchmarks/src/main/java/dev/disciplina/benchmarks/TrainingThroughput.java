package dev.disciplina.benchmarks;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.tracker.Tracker;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput, in examples per second, of the MLP 784-256-128-10 (ReLU, softmax
 * cross-entropy, SGD with momentum 0.9, batch 128) on Fashion-MNIST — each Disciplina backend
 * with the api's own loop, and DJL's {@code EasyTrain.fit} on the same model, data and batch
 * size — in one JVM, so the figures compare as ratios.
 *
 * <p>Arguments: {@code --epochs N} measured epochs (default 2) after {@code --warmup N} (default
 * 1); {@code --limit N} examples (default all 60,000); {@code --only a,b} runs only the named
 * contestants ({@code cpu}, {@code nd4j}, {@code djl}, {@code djl-easytrain}). Without Debian's
 * {@code dataset-fashion-mnist}, random data of the same shape is used and the report says so.
 */
public final class TrainingThroughput {

  static final int BATCH = 128;
  static final int[] LAYERS = {784, 256, 128, 10};

  private TrainingThroughput() {}

  record Result(String name, double examplesPerSecond, double lastLoss) {}

  public static void main(String[] args) throws Exception {
    int epochs = 2;
    int warmup = 1;
    int limit = Integer.MAX_VALUE;
    List<String> only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--only" -> only = List.of(args[++i].split(","));
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    PrintStream out = System.out;
    Data data = load(limit);
    out.printf("data: %s, %d examples x %d features, batch %d, model %s%n", data.source,
        data.n, LAYERS[0], BATCH, "784-256-128-10");
    out.printf("warm-up epochs %d, measured epochs %d, %d cores%n", warmup, epochs,
        Runtime.getRuntime().availableProcessors());

    Map<String, Result> results = new LinkedHashMap<>();
    for (String name : List.of("cpu", "nd4j", "djl")) {
      if (only != null && !only.contains(name)) {
        continue;
      }
      if (!Backends.availableNames().contains(name)) {
        out.printf("%-14s unavailable: %s%n", name, Backends.all().stream()
            .filter(i -> i.name().equals(name)).map(i -> i.availability().detail())
            .findFirst().orElse("not on the class path"));
        continue;
      }
      Result r = disciplina(Backends.named(name), data, warmup, epochs);
      results.put(name, r);
      out.printf("%-14s %9.0f examples/s  (last epoch mean loss %.4f)%n", r.name,
          r.examplesPerSecond, r.lastLoss);
    }
    if (only == null || only.contains("djl-easytrain")) {
      Result r = easyTrain(data, warmup, epochs);
      results.put(r.name, r);
      out.printf("%-14s %9.0f examples/s  (loss on one batch after training %.4f)%n", r.name,
          r.examplesPerSecond, r.lastLoss);
    }
    Result base = results.get("djl-easytrain");
    if (base != null) {
      out.println("ratios to DJL EasyTrain:");
      for (Result r : results.values()) {
        out.printf("  %-14s %.2fx%n", r.name, r.examplesPerSecond / base.examplesPerSecond);
      }
    }
  }

  record Data(String source, int n, float[] x, int[] y) {}

  static Data load(int limit) throws IOException {
    if (FashionMnist.isInstalled()) {
      Dataset train = FashionMnist.train(FashionMnist.DEBIAN_DIRECTORY);
      int n = Math.min(limit, train.size());
      Dataset d = n == train.size() ? train : train.head(n);
      return new Data("Fashion-MNIST train (" + FashionMnist.DEBIAN_DIRECTORY + ")", n,
          d.features(), d.labels());
    }
    int n = Math.min(limit, 60_000);
    Rng rng = Rng.seeded(1);
    float[] x = new float[n * LAYERS[0]];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextFloat();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(10);
    }
    return new Data("random, Fashion-MNIST-sized (dataset-fashion-mnist not installed)", n, x, y);
  }

  /** The api's loop: zero, forward, loss, backward, step, one scope per iteration. */
  static Result disciplina(Backend backend, Data data, int warmup, int epochs) {
    try (Scope model = Scope.open(backend)) {
      Rng rng = Rng.seeded(7);
      List<Module> layers = new ArrayList<>();
      for (int i = 0; i + 1 < LAYERS.length; i++) {
        layers.add(new Linear(LAYERS[i], LAYERS[i + 1], rng.split("layer" + i)));
        if (i + 2 < LAYERS.length) {
          layers.add(new ReLU());
        }
      }
      Module net = new Sequential(layers);
      Optimizer sgd = Sgd.builder(net.parameters()).learningRate(0.1).momentum(0.9).build();
      Loss loss = Loss.softmaxCrossEntropy();
      Rng shuffle = rng.split("shuffle");
      float[] xb = new float[BATCH * LAYERS[0]];
      int[] yb = new int[BATCH];
      long examples = 0;
      long nanos = 0;
      double lastLoss = 0;
      for (int epoch = 0; epoch < warmup + epochs; epoch++) {
        net.train();
        int[] perm = shuffle.permutation(data.n);
        long start = System.nanoTime();
        double sum = 0;
        int batches = 0;
        for (int s = 0; s < data.n; s += BATCH) {
          int b = Math.min(BATCH, data.n - s);
          for (int i = 0; i < b; i++) {
            int row = perm[s + i];
            System.arraycopy(data.x, row * LAYERS[0], xb, i * LAYERS[0], LAYERS[0]);
            yb[i] = data.y[row];
          }
          try (Scope step = Scope.open()) {
            sgd.zeroGrad();
            Tensor x = Tensor.of(Shape.of(b, LAYERS[0]), xb, 0);
            int[] labels = b == BATCH ? yb : java.util.Arrays.copyOf(yb, b);
            Variable l = loss.apply(net.forward(x), Tensor.oneHot(labels, 10));
            l.backward();
            sgd.step();
            sum += l.value().item();
            batches++;
          }
        }
        long elapsed = System.nanoTime() - start;
        if (epoch >= warmup) {
          nanos += elapsed;
          examples += data.n;
        }
        lastLoss = sum / batches;
      }
      return new Result(backend.name(), examples / (nanos / 1e9), lastLoss);
    }
  }

  /** DJL's own loop on the same model, data, optimizer and batch size. */
  static Result easyTrain(Data data, int warmup, int epochs) throws Exception {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Model model = Model.newInstance("mlp", "PyTorch")) {
      SequentialBlock block = new SequentialBlock();
      for (int i = 1; i < LAYERS.length; i++) {
        block.add(ai.djl.nn.core.Linear.builder().setUnits(LAYERS[i]).build());
        if (i + 1 < LAYERS.length) {
          block.add(Activation::relu);
        }
      }
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
              .optOptimizer(ai.djl.training.optimizer.Optimizer.sgd()
                  .setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build());
      float[] labels = new float[data.n];
      for (int i = 0; i < data.n; i++) {
        labels[i] = data.y[i];
      }
      NDArray x = manager.create(data.x, new ai.djl.ndarray.types.Shape(data.n, LAYERS[0]));
      NDArray y = manager.create(labels).toType(DataType.FLOAT32, false);
      ArrayDataset dataset = new ArrayDataset.Builder()
          .setData(x).optLabels(y).setSampling(BATCH, true).build();
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new ai.djl.ndarray.types.Shape(BATCH, LAYERS[0]));
        trainer.setMetrics(new ai.djl.metric.Metrics());
        long nanos = 0;
        long examples = 0;
        for (int epoch = 0; epoch < warmup + epochs; epoch++) {
          long start = System.nanoTime();
          EasyTrain.fit(trainer, 1, dataset, null);
          long elapsed = System.nanoTime() - start;
          if (epoch >= warmup) {
            nanos += elapsed;
            examples += data.n;
          }
        }
        // EasyTrain keeps no loss without evaluator listeners, which would cost it time; the
        // loss is read here once, on the first batch, after training.
        double lastLoss;
        try (NDManager probe = manager.newSubManager()) {
          ai.djl.training.dataset.Batch first = dataset.getData(probe).iterator().next();
          NDArray logits = trainer.evaluate(first.getData()).singletonOrThrow();
          lastLoss = trainer.getLoss()
              .evaluate(first.getLabels(), new ai.djl.ndarray.NDList(logits)).getFloat();
          first.close();
        }
        return new Result("djl-easytrain", examples / (nanos / 1e9), lastLoss);
      }
    }
  }
}
