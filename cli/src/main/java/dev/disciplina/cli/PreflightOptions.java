package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.LeakPolicy;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import dev.disciplina.trainer.preflight.CheckResult;
import dev.disciplina.trainer.preflight.Preflight;
import dev.disciplina.trainer.preflight.PreflightReport;
import dev.disciplina.trainer.preflight.PreflightSubject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The train options {@code --preflight} (the checklist before training) and {@code
 * --fast-dev-run N} (N batches of training and of validation, one epoch, nothing written), as a
 * picocli mixin of {@link TrainCommand}.
 */
final class PreflightOptions {

  @Option(names = "--preflight", description = "Run the preflight checklist (data, initial loss, "
      + "batch independence, overfit one batch, uses its input, checkpoint round-trip) before "
      + "training; a failed check stops with exit code 1.")
  boolean preflight;

  @Option(names = "--fast-dev-run", paramLabel = "N", defaultValue = "0", description = "Run N "
      + "batches of training and N of validation, one epoch, writing nothing, to prove the whole "
      + "path runs.")
  int fastDevRun;

  boolean isFastDevRun() {
    return fastDevRun > 0;
  }

  /**
   * Checks the options; for a fast dev run, one epoch, no early stopping, and no file written
   * (history CSV, HTML report, run directory, checkpoints, saved model).
   */
  void adjust(TrainCommand train) {
    if (fastDevRun < 0) {
      throw new UsageException("--fast-dev-run must be at least 1 batch, got " + fastDevRun);
    }
    if ((preflight || isFastDevRun()) && train.checkpoints.resume != null) {
      throw new UsageException((preflight ? "--preflight" : "--fast-dev-run")
          + " checks a fresh run; it cannot be combined with --resume");
    }
    if (isFastDevRun()) {
      train.checkpoints.checkpointDir = null;
      train.checkpoints.saveModel = null;
      train.epochs = 1;
      train.patience = 0;
      train.history = null;
      train.reporting.report = null;
      train.run.runDir = null;
    }
  }

  /**
   * The split to train on: for a fast dev run, the first N training batches and the first N
   * validation (evaluation) batches.
   */
  Split split(Split split, Recipe recipe) {
    if (!isFastDevRun()) {
      return split;
    }
    return Split.of(split.train().head(batches(recipe.batchSize())),
        split.validation().head(batches(recipe.config().evalBatchSize())), null, LeakPolicy.WARN);
  }

  private int batches(int batchSize) {
    return (int) Math.min(Integer.MAX_VALUE, (long) fastDevRun * batchSize);
  }

  /**
   * With {@code --preflight}, prints the checklist line by line and its summary; returns whether
   * training may go on (no check failed).
   */
  boolean runChecklist(Recipe recipe, Split split, Backend backend, PrintWriter out) {
    if (!preflight) {
      return true;
    }
    out.printf(Locale.ROOT, "preflight: %d checks on %s, backend %s, seed %d%n",
        Preflight.standardChecks().size(), recipe.data().name(), backend.name(), recipe.seed());
    out.flush();
    PreflightSubject subject = new PreflightSubject(recipe.experiment(), split.train(),
        split.validation(), split.test(), recipe.seed(), recipe.batchSize(), backend);
    PreflightReport report = Preflight.standard().run(subject, (CheckResult r) -> {
      out.println("  " + r.line());
      out.flush();
    });
    out.println(report.summary());
    if (!report.passed()) {
      out.println("preflight failed: fix what failed, or train without --preflight");
    }
    out.flush();
    return report.passed();
  }

  /** For a fast dev run, a listener that says at the end what ran and that nothing was written. */
  List<TrainingListener> listeners(PrintWriter out) {
    if (!isFastDevRun()) {
      return List.of();
    }
    return List.of(new TrainingListener() {
      @Override
      public void onTrainEnd(TrainingContext context, History history) {
        Dataset train = context.train();
        Dataset validation = context.validation();
        int b = context.config().batchSize();
        out.printf(Locale.ROOT, "fast-dev-run: %d training batches (%d examples) and %d "
                + "validation batches ran (%d examples); nothing was written%n",
            (train.size() + b - 1) / b, train.size(),
            (validation.size() + context.config().evalBatchSize() - 1)
                / context.config().evalBatchSize(), validation.size());
        out.flush();
      }
    });
  }
}
