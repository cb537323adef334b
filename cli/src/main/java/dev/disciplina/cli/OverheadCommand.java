package dev.disciplina.cli;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.metrics.Metrics;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina overhead}: measures what the {@link Trainer} costs over a hand-written loop
 * doing the same work — the same seeded shuffles, one scope per iteration, zero, forward, loss,
 * backward, step, then validation loss and accuracy in eval mode without gradients — on the same
 * backend. Runs alternate, after warm-up, and the medians are compared.
 */
@Command(name = "overhead", description = "Measure the Trainer's overhead over a hand-written "
    + "loop doing the same work on the same backend (median of alternating runs).")
final class OverheadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: cpu).")
  String backend = "cpu";

  @Option(names = "--dataset", paramLabel = "DATA", defaultValue = "digits",
      description = "Dataset, as for train (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--model", paramLabel = "SPEC", defaultValue = "mlp:64",
      description = "Model, as for train (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
      description = "Epochs per run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "9",
      description = "Timed runs of each (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Override
  public Integer call() {
    if (epochs < 1 || repeats < 1 || batchSize < 1) {
      throw new UsageException("--epochs, --repeats and --batch-size must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Backend b = Main.backend(backend);
    Dataset data = DatasetSpec.parse(dataset).load();
    if (!data.isClassification()) {
      throw new UsageException("overhead measures a classification run; '" + dataset
          + "' is a regression dataset");
    }
    Recipe recipe = new Recipe(data, 0.2, 0, ModelSpec.parse(model, "relu", 0, false),
        new OptimizerSpec("adam", 0.001, Double.NaN), epochs, batchSize, 1, 0);
    Split split = recipe.split();
    TrainingConfig same = recipe.config().toBuilder().trainEvalSize(0).build();
    TrainingConfig full = recipe.config();
    Experiment experiment = recipe.experiment();

    out.printf(Locale.ROOT, "%s, %s on %s (%d training examples), %d epochs of batch %d, "
        + "backend %s%n", recipe.model(), recipe.optimizer(), data.name(), split.train().size(),
        epochs, batchSize, b.name());
    double handLoss = 0;
    double trainerLoss = 0;
    for (int i = 0; i < 2; i++) { // warm-up: JIT, buffer pools
      handLoss = handLoop(b, experiment, split, same);
      trainerLoss = new Trainer(same, b, List.of()).fit(experiment, split).last().validationLoss();
      new Trainer(full, b, List.of()).fit(experiment, split);
    }
    Sample hand = new Sample(repeats);
    Sample trainer = new Sample(repeats);
    Sample trainerFull = new Sample(repeats);
    for (int i = 0; i < repeats; i++) {
      if (i % 2 == 0) {
        hand.time(i, () -> handLoop(b, experiment, split, same));
        trainer.time(i, () -> trainerRun(b, experiment, split, same));
      } else {
        trainer.time(i, () -> trainerRun(b, experiment, split, same));
        hand.time(i, () -> handLoop(b, experiment, split, same));
      }
      trainerFull.time(i, () -> trainerRun(b, experiment, split, full));
    }
    out.printf(Locale.ROOT, "%-26s %s%n", "hand-written loop", hand.describe(hand));
    out.printf(Locale.ROOT, "%-26s %s%n", "Trainer, same work", trainer.describe(hand));
    out.printf(Locale.ROOT, "%-26s %s%n", "Trainer, default config", trainerFull.describe(hand));
    out.println("(medians of " + repeats + " alternating runs after warm-up. The default config "
        + "adds an eval-mode pass over a training subset each epoch. Main-thread CPU time is the "
        + "least disturbed by other processes; it is all the work with -Ddisciplina.cpu.threads=1)");
    out.printf(Locale.ROOT, "same numbers: final validation loss %.6f (hand) vs %.6f (Trainer)%s%n",
        handLoss, trainerLoss, handLoss == trainerLoss ? ", identical" : ", DIFFERENT");
    out.flush();
    return 0;
  }

  private static double trainerRun(Backend b, Experiment e, Split split, TrainingConfig c) {
    History h = new Trainer(c, b, List.of()).fit(e, split);
    return h.last().validationLoss();
  }

  /** The loop written out by hand over the same API, doing what the Trainer does. */
  static double handLoop(Backend backend, Experiment experiment, Split split,
      TrainingConfig config) {
    Dataset train = split.train();
    Dataset validation = split.validation();
    int classes = train.classCount();
    try (Scope modelScope = Scope.open(backend)) {
      Module net = experiment.model(Rng.seeded(config.seed()).split("model"));
      Optimizer optimizer = experiment.optimizer(net);
      Loss loss = experiment.loss();
      Batching batching = new Batching(config.batchSize(), true, false);
      Rng shuffles = Rng.seeded(config.seed()).split("shuffle");
      double validationLoss = Double.NaN;
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        net.train();
        double sum = 0;
        int count = 0;
        for (Batch batch : batching.epoch(train, shuffles.split("epoch " + epoch))) {
          try (Scope step = Scope.open(backend)) {
            optimizer.zeroGrad();
            Tensor x = batch.inputs();
            Tensor y = batch.targets(TargetEncoding.ONE_HOT);
            Variable out = net.forward(x);
            Variable l = loss.apply(out, y);
            sum += l.value().item();
            count++;
            l.backward();
            optimizer.step();
          }
        }
        net.eval();
        try (GradMode.Guard off = GradMode.noGrad()) {
          double total = 0;
          int right = 0;
          for (Batch batch : Batching.sequential(config.evalBatchSize()).inOrder(validation)) {
            try (Scope step = Scope.open(backend)) {
              Tensor x = batch.inputs();
              Tensor y = batch.targets(TargetEncoding.ONE_HOT);
              Variable out = net.forward(x);
              total += (double) loss.apply(out, y).value().item() * batch.size();
              int[] predicted = Metrics.argmaxRows(out.value().toArray(), classes);
              int[] labels = batch.labels();
              for (int i = 0; i < labels.length; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
              }
            }
          }
          validationLoss = total / validation.size();
          if (sum / count < 0 || right < 0) {
            throw new IllegalStateException("impossible");
          }
        }
      }
      return validationLoss;
    }
  }

  /** Wall and process CPU times of repeated runs. */
  private static final class Sample {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();
    final long[] wall;
    final long[] cpu;
    final long[] thread;

    Sample(int n) {
      wall = new long[n];
      cpu = new long[n];
      thread = new long[n];
    }

    void time(int i, Runnable r) {
      long c0 = OS.getProcessCpuTime();
      long h0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      r.run();
      wall[i] = System.nanoTime() - t0;
      thread[i] = THREADS.getCurrentThreadCpuTime() - h0;
      cpu[i] = OS.getProcessCpuTime() - c0;
    }

    String describe(Sample base) {
      double mw = median(wall);
      double mc = median(cpu);
      double mt = median(thread);
      String s = String.format(Locale.ROOT,
          "wall %7.1f ms, process CPU %7.1f ms, main-thread CPU %7.1f ms", mw / 1e6, mc / 1e6,
          mt / 1e6);
      if (base != this) {
        s += String.format(Locale.ROOT, "   overhead %+.1f%% / %+.1f%% / %+.1f%%",
            100 * (mw - median(base.wall)) / median(base.wall),
            100 * (mc - median(base.cpu)) / median(base.cpu),
            100 * (mt - median(base.thread)) / median(base.thread));
      }
      return s;
    }
  }

  private static double median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }
}
