package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.HistoryCsv;
import dev.disciplina.trainer.OnlineDiagnosis;
import dev.disciplina.trainer.StopReason;
import dev.disciplina.trainer.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.disciplina.report.TerminalPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina train}: trains an MLP on a dataset, prints one line per epoch, optionally
 * writes the history CSV, and ends with the diagnosis; its last line is {@code verdict: VERDICT}.
 */
@Command(name = "train", sortOptions = false, description = "Train a multi-layer perceptron and "
    + "diagnose its learning curves. Prints one line per epoch; the last line is "
    + "'verdict: VERDICT'.")
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--backend", paramLabel = "NAME", description = "Backend to train on "
      + "(see 'disciplina backends'); default: the best available, or -Ddisciplina.backend.")
  String backend;

  @Option(names = "--dataset", paramLabel = "DATA", defaultValue = "digits", description =
      "digits, iris, wine, breast-cancer, fashion-mnist, csv:PATH or idx:DIR (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--model", paramLabel = "SPEC", defaultValue = "mlp:64",
      description = "mlp:H1,H2,... hidden layer sizes, or linear (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--activation", paramLabel = "FN", defaultValue = "relu",
      description = "relu, tanh or sigmoid (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
      description = "Dropout after each hidden layer (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--batch-norm", description = "Batch normalisation after each hidden linear layer.")
  boolean batchNorm;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
      description = "sgd, momentum, adam or adamw (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: 0.1 for sgd, "
      + "0.01 for momentum, 0.001 for adam and adamw).")
  Double lr;

  @Option(names = "--weight-decay", paramLabel = "X",
      description = "Weight decay (default: 0, or 0.01 for adamw).")
  Double weightDecay;

  @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Fraction of the data held out for validation (default: ${DEFAULT-VALUE}).")
  double valFraction;

  @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
      description = "Train on at most N examples of the training split (default: all).")
  int trainLimit;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the split, the initial weights, dropout and shuffles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
      description = "Stop after PATIENCE epochs without validation improvement and restore the best weights.")
  int patience;

  @Option(names = "--history", paramLabel = "FILE.csv", description = "Write the history CSV, "
      + "rewritten atomically after every epoch.")
  Path history;

  @Option(names = "--quiet", description = "No progress bar and no preamble.")
  boolean quiet;

  @Mixin DataOptions dataOptions;

  @Mixin OutputOptions outputs;

  @Mixin RunOptions run;

  @Mixin CheckpointOptions checkpoints;

  @Mixin ScaleOutOptions scaleOut;

  @Mixin ReportOptions reporting;

  @Mixin PreflightOptions preflight;

  @Spec CommandSpec spec;

  /** After {@link #call()}: the run's history and what it recorded (for {@code sweep}). */
  History result;
  RunRecording recording;

  /** Checks every option, so that mistakes are reported before any slow work. */
  void checkOptions() {
    if (epochs < 1) {
      throw new UsageException("--epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new UsageException("--batch-size must be at least 1, got " + batchSize);
    }
    if (!(valFraction > 0 && valFraction < 1)) {
      throw new UsageException("--val-fraction must be in (0, 1), got " + valFraction);
    }
    if (trainLimit < 0) {
      throw new UsageException("--train-limit must be >= 0, got " + trainLimit);
    }
    if (patience < 0) {
      throw new UsageException("--early-stopping must be >= 0, got " + patience);
    }
    modelSpec();
    optimizerSpec();
    checkpoints.checkOptions();
    scaleOut.check(run, checkpoints);
    reporting.check();
  }

  private ModelSpec modelSpec() {
    return ModelSpec.parse(model, activation, dropout, batchNorm);
  }

  private OptimizerSpec optimizerSpec() {
    double rate = lr != null ? lr : OptimizerSpec.defaultRate(optimizer);
    return new OptimizerSpec(optimizer, rate, weightDecay != null ? weightDecay : Double.NaN);
  }

  Recipe recipe(Dataset data) {
    return new Recipe(data, valFraction, trainLimit, modelSpec(), optimizerSpec(), epochs,
        batchSize, seed, patience);
  }

  /** The run's configuration as its manifest records it: every run option, effective values. */
  Map<String, String> configuration() {
    OptimizerSpec o = optimizerSpec();
    double decay = Double.isNaN(o.weightDecay()) ? (o.name().equals("adamw") ? 0.01 : 0)
        : o.weightDecay();
    return RunConfiguration.of(spec, Map.of("lr", String.valueOf(o.learningRate()),
        "weight-decay", String.valueOf(decay)));
  }

  @Override
  public Integer call() throws Exception {
    if (checkpoints.resuming()) {
      return checkpoints.resume(spec.commandLine());
    }
    if (run.from != null) {
      return ManifestRerun.rerun(spec, run);
    }
    if (!run.sets.isEmpty()) {
      throw new UsageException("--set changes a manifest's setting; it goes with --from RUN.json");
    }
    PrintWriter out = spec.commandLine().getOut();
    DatasetSpec dataSpec = DatasetSpec.parse(dataset);
    checkOptions();
    preflight.adjust(this);
    if (history != null) {
      outputs.check("--history", history);
    }
    recording = RunRecording.of(run, configuration(), dataSpec, out);
    history = recording.history(history);
    reporting.report = recording.report(reporting.report);
    if (run.runDir != null && checkpoints.checkpointDir == null && checkpoints.resume == null) {
      // A run directory holds everything of its run, so that it can be resumed: the newest
      // checkpoint and the best.
      checkpoints.checkpointDir = run.runDir.resolve(RunRecording.CHECKPOINTS);
      if (checkpoints.keepLast == 0) {
        checkpoints.keepLast = 1;
      }
    }
    Backend b = Main.backend(backend);
    Dataset data = dataSpec.load(dataOptions.csvLoader(), quiet ? null : out);
    Recipe recipe = recipe(data);
    Split split = preflight.split(recipe.split(), recipe);
    if (!quiet) {
      out.printf(Locale.ROOT, "training %s on %s: %d training and %d validation examples, %d "
              + "features, %s%n", recipe.model(), dataSpec, split.train().size(),
          split.validation().size(), data.featureCount(), data.isClassification()
              ? data.classCount() + " classes" : "regression");
      out.printf(Locale.ROOT, "backend %s, %s, %d epochs of batch %d, seed %d%n", b.name(),
          recipe.optimizer(), epochs, batchSize, seed);
    }
    if (!preflight.runChecklist(recipe, split, b, out)) {
      return 1;
    }
    OnlineDiagnosis online = new OnlineDiagnosis(false);
    List<TrainingListener> listeners = new ArrayList<>(preflight.listeners(out));
    listeners.add(online);
    listeners.add(new EpochPrinter(out, online));
    CtrlC ctrlC = new CtrlC(spec.commandLine().getErr());
    listeners.add(ctrlC);
    if (!quiet && Terminal.stderrIsTerminal()) {
      listeners.add(new ConsoleProgress());
    }
    HistoryCsv csv = new HistoryCsv(data.isClassification() ? List.of("accuracy")
        : List.of("mae", "rmse"));
    if (history != null) {
      listeners.add(csv.listener(history));
    }
    listeners.addAll(recording.listeners());
    listeners.addAll(checkpoints.listeners(spec.commandLine(), b));
    reporting.start(out, listeners, recipe, dataSpec.toString(), b.name(), split);
    History h;
    try {
      h = scaleOut.isSpark() ? scaleOut.runOnSpark(recipe, b, split, out)
          : checkpoints.train(recipe, scaleOut.configure(recipe.config()), b, split, listeners,
              recording.hooks());
    } finally {
      reporting.stop();
    }
    result = h;
    if (history != null) {
      csv.write(h, history);
    }
    report(h, out);
    if (!quiet) {
      out.print(TerminalPlot.losses(h.curves(), TerminalPlot.Glyphs.forStandardOutput()).render());
    }
    if (history != null) {
      out.println("history: " + history);
    }
    recording.finish(out);
    reporting.finish(h, out, run.runDir);
    Diagnosis d = h.diagnose();
    printDiagnosis(d, out);
    out.println("verdict: " + d.verdict());
    out.flush();
    return ctrlC.pressed() ? CtrlC.EXIT_CODE : 0;
  }

  static void report(History h, PrintWriter out) {
    if (h.stopReason() != StopReason.COMPLETED) {
      out.println("stopped: " + h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + " (" + h.stopDetail() + ")");
    }
    h.bestEpoch().ifPresent(best -> {
      EpochResult e = h.epochs().get(best - 1);
      String metric = e.validationMetrics().containsKey("accuracy")
          ? String.format(Locale.ROOT, ", val_accuracy %.4f", e.validationMetric("accuracy"))
          : e.validationMetrics().containsKey("rmse")
              ? String.format(Locale.ROOT, ", val_rmse %.4f", e.validationMetric("rmse")) : "";
      out.printf(Locale.ROOT, "best epoch %d: val_loss %.4f%s; the model holds the weights of "
          + "epoch %d; %.1f s in all%n", best, e.validationLoss(), metric, h.weightsFromEpoch(),
          h.seconds());
    });
  }

  static void printDiagnosis(Diagnosis d, PrintWriter out) {
    out.println("diagnosis: " + d.verdict() + " (" + d.cause().description() + ")");
    for (String r : d.reasons()) {
      out.println("  why: " + r);
    }
    for (String a : d.advice()) {
      out.println("  try: " + a);
    }
  }
}
