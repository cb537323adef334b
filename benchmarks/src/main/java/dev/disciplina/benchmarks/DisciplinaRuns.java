package dev.disciplina.benchmarks;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.trainer.BatchResult;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Disciplina's contestants: the {@link Trainer} on a backend, and a hand-written api loop. */
final class DisciplinaRuns {

  private DisciplinaRuns() {}

  static Module mlp(int[] layers, Rng rng) {
    List<Module> modules = new ArrayList<>();
    for (int i = 0; i + 1 < layers.length; i++) {
      modules.add(new Linear(layers[i], layers[i + 1], rng.split("layer" + i)));
      if (i + 2 < layers.length) {
        modules.add(new ReLU());
      }
    }
    return new Sequential(modules);
  }

  static Optimizer sgd(Module net, Workload w) {
    return Sgd.builder(net.parameters()).learningRate(w.learningRate()).momentum(w.momentum())
        .build();
  }

  /**
   * {@code Trainer.fit} as a user runs it, with a validation pass over 1,000 examples after each
   * epoch (not timed: an epoch's time runs from its start to the end of its last batch) and no
   * eval-mode pass over the training data.
   */
  static Measured trainer(Backend backend, Workload w, TrainingData data) {
    TrainingConfig config = TrainingConfig.builder()
        .epochs(w.warmupEpochs() + w.epochs()).batchSize(w.batchSize()).seed(7)
        .trainEvalSize(0).build();
    Experiment experiment = Experiment.of(rng -> mlp(w.layers(), rng), net -> sgd(net, w),
        Loss.softmaxCrossEntropy());
    EpochClock clock = new EpochClock(w.warmupEpochs(), data.train().size());
    TrainingListener timer = new TrainingListener() {
      private long start;
      private long lastBatchEnd;

      @Override
      public void onEpochStart(TrainingContext context, int epoch) {
        start = System.nanoTime();
      }

      @Override
      public void onBatchEnd(TrainingContext context, BatchResult result) {
        lastBatchEnd = System.nanoTime();
      }

      @Override
      public void onValidationStart(TrainingContext context, int epoch) {
        clock.add(epoch, lastBatchEnd - start);
      }
    };
    History history = new Trainer(config, backend, List.of(timer))
        .fit(experiment, data.train(), data.validation());
    return new Measured(clock.examplesPerSecond(), history.last().trainLoss());
  }

  /**
   * The api's loop written by hand: seeded shuffle, one scope per iteration, zero, forward, loss,
   * backward, step; batches gathered into one reused array.
   */
  static Measured handLoop(Backend backend, Workload w, TrainingData data) {
    Dataset train = data.train();
    int n = train.size();
    int features = train.featureCount();
    int classes = train.classCount();
    int batch = w.batchSize();
    float[] x = train.features();
    int[] y = train.labels();
    EpochClock clock = new EpochClock(w.warmupEpochs(), n);
    try (Scope model = Scope.open(backend)) {
      Rng rng = Rng.seeded(7);
      Module net = mlp(w.layers(), rng.split("model"));
      Optimizer sgd = sgd(net, w);
      Loss loss = Loss.softmaxCrossEntropy();
      Rng shuffle = rng.split("shuffle");
      float[] xb = new float[batch * features];
      int[] yb = new int[batch];
      double lastLoss = Double.NaN;
      for (int epoch = 1; epoch <= w.warmupEpochs() + w.epochs(); epoch++) {
        net.train();
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
          try (Scope step = Scope.open()) {
            sgd.zeroGrad();
            Tensor input = Tensor.of(Shape.of(b, features), xb, 0);
            int[] labels = b == batch ? yb : Arrays.copyOf(yb, b);
            Variable l = loss.apply(net.forward(input), Tensor.oneHot(labels, classes));
            l.backward();
            sgd.step();
            sum += l.value().item();
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
