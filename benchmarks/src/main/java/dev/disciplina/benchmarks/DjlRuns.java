package dev.disciplina.benchmarks;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.random.Rng;

/**
 * DJL's contestants on the PyTorch engine: {@code EasyTrain.fit} as its users run it, and the
 * loop a DJL user writes by hand (gradient collector, forward, loss, backward, step; one
 * sub-manager per batch). Same model, data, optimizer and batch size as the others.
 */
final class DjlRuns {

  private DjlRuns() {}

  private static SequentialBlock mlp(int[] layers) {
    SequentialBlock block = new SequentialBlock();
    for (int i = 1; i < layers.length; i++) {
      block.add(Linear.builder().setUnits(layers[i]).build());
      if (i + 1 < layers.length) {
        block.add(Activation::relu);
      }
    }
    return block;
  }

  private static DefaultTrainingConfig config(Workload w) {
    return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(Optimizer.sgd()
            .setLearningRateTracker(Tracker.fixed((float) w.learningRate()))
            .optMomentum((float) w.momentum()).build());
  }

  private static float[] labels(Dataset train) {
    int[] y = train.labels();
    float[] labels = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i];
    }
    return labels;
  }

  /** {@code EasyTrain.fit(trainer, 1, dataset, null)} once per epoch, shuffled batches. */
  static Measured easyTrain(Workload w, TrainingData data) throws Exception {
    Dataset train = data.train();
    int n = train.size();
    int features = train.featureCount();
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Model model = Model.newInstance("mlp", "PyTorch")) {
      model.setBlock(mlp(w.layers()));
      NDArray x = manager.create(train.features(), new Shape(n, features));
      NDArray y = manager.create(labels(train));
      ArrayDataset dataset = new ArrayDataset.Builder()
          .setData(x).optLabels(y).setSampling(w.batchSize(), true).build();
      try (Trainer trainer = model.newTrainer(config(w))) {
        trainer.initialize(new Shape(w.batchSize(), features));
        trainer.setMetrics(new ai.djl.metric.Metrics());
        EpochClock clock = new EpochClock(w.warmupEpochs(), n);
        for (int epoch = 1; epoch <= w.warmupEpochs() + w.epochs(); epoch++) {
          long start = System.nanoTime();
          EasyTrain.fit(trainer, 1, dataset, null);
          clock.add(epoch, System.nanoTime() - start);
        }
        // EasyTrain keeps no loss without evaluator listeners, which would cost it time: the
        // loss is read once after training, over the first batch.
        double loss;
        try (NDManager probe = manager.newSubManager()) {
          Batch first = dataset.getData(probe).iterator().next();
          NDArray logits = trainer.evaluate(first.getData()).singletonOrThrow();
          loss = trainer.getLoss().evaluate(first.getLabels(), new NDList(logits)).getFloat();
          first.close();
        }
        return new Measured(clock.examplesPerSecond(), loss);
      }
    }
  }

  /** The hand-written DJL loop: seeded shuffle, one sub-manager per batch. */
  static Measured handLoop(Workload w, TrainingData data) {
    Dataset train = data.train();
    int n = train.size();
    int features = train.featureCount();
    int batch = w.batchSize();
    float[] x = train.features();
    int[] y = train.labels();
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Model model = Model.newInstance("mlp", "PyTorch")) {
      model.setBlock(mlp(w.layers()));
      try (Trainer trainer = model.newTrainer(config(w))) {
        trainer.initialize(new Shape(batch, features));
        Loss loss = trainer.getLoss();
        Rng shuffle = Rng.seeded(7).split("shuffle");
        float[] xb = new float[batch * features];
        float[] yb = new float[batch];
        EpochClock clock = new EpochClock(w.warmupEpochs(), n);
        double lastLoss = Double.NaN;
        for (int epoch = 1; epoch <= w.warmupEpochs() + w.epochs(); epoch++) {
          int[] perm = shuffle.permutation(n);
          long start = System.nanoTime();
          double sum = 0;
          int batches = 0;
          for (int s = 0; s < n; s += batch) {
            int b = Math.min(batch, n - s);
            for (int i = 0; i < b; i++) {
              System.arraycopy(x, perm[s + i] * features, xb, i * features, features);
              yb[i] = y[perm[s + i]];
            }
            try (NDManager step = manager.newSubManager()) {
              NDArray input = step.create(java.nio.FloatBuffer.wrap(xb, 0, b * features),
                  new Shape(b, features));
              NDArray target = step.create(java.nio.FloatBuffer.wrap(yb, 0, b), new Shape(b));
              NDArray l;
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(input));
                l = loss.evaluate(new NDList(target), out);
                collector.backward(l);
              }
              trainer.step();
              sum += l.getFloat();
              batches++;
            }
          }
          clock.add(epoch, System.nanoTime() - start);
          lastLoss = sum / batches;
        }
        return new Measured(clock.examplesPerSecond(), lastLoss);
      }
    }
  }
}
