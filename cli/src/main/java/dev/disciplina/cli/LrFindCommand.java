package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.report.TerminalPlot;
import dev.disciplina.trainer.lrfind.LrFinder;
import dev.disciplina.trainer.lrfind.LrPoint;
import dev.disciplina.trainer.lrfind.LrSuggestion;
import dev.disciplina.trainer.lrfind.LrSweep;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina lr-find [train options]}: fastai's learning-rate sweep on the model, data and
 * optimizer the train options describe, drawn as a terminal plot with a table; the last line is
 * {@code suggested learning rate: X} or {@code suggested learning rate: none (no clear valley: ...)}.
 * With {@code --report FILE.html} it also writes the curve as an HTML page.
 */
@Command(name = "lr-find", sortOptions = false, description = "Sweep the learning rate "
    + "exponentially (fastai's finder) on the model and data the train options describe, and "
    + "suggest the rate of steepest descent inside the loss valley, or say there is no clear "
    + "valley. The last line is 'suggested learning rate: X'.")
final class LrFindCommand implements Callable<Integer> {

  @Mixin TrainCommand train;

  @Option(names = "--start-lr", paramLabel = "X", defaultValue = "1e-7",
      description = "First learning rate of the sweep (default: ${DEFAULT-VALUE}).")
  double startLr;

  @Option(names = "--end-lr", paramLabel = "X", defaultValue = "10",
      description = "Last learning rate of the sweep (default: ${DEFAULT-VALUE}).")
  double endLr;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
      description = "Steps of the sweep, one batch each (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    refuseTrainOnly();
    DatasetSpec dataSpec = DatasetSpec.parse(train.dataset);
    train.checkOptions();
    LrFinder finder;
    try {
      finder = LrFinder.builder().startLr(startLr).endLr(endLr).iterations(iterations).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    Backend b = Main.backend(train.backend);
    Dataset data = dataSpec.load();
    Recipe recipe = train.recipe(data);
    Split split = recipe.split();
    out.printf(Locale.ROOT, "lr-find: %s on %s (%d training examples), %s, batch %d, seed %d, "
            + "backend %s: lr %.0e to %.0e over %d iterations%n", recipe.model(), dataSpec,
        split.train().size(), recipe.optimizer().name(), recipe.batchSize(), recipe.seed(),
        b.name(), startLr, endLr, iterations);
    out.flush();
    LrSweep sweep = finder.sweep(recipe.experiment(), split.train(), recipe.seed(),
        recipe.batchSize(), b);
    if (train.reporting.report != null) {
      LrFindPage.write(train.reporting.report, "lr-find: " + recipe.model() + " on " + dataSpec
          + ", " + recipe.optimizer().name(), sweep);
      out.println("report: " + train.reporting.report);
    }
    print(sweep, out);
    out.flush();
    return 0;
  }

  /** Options of train that change nothing here are an error, not silently ignored. */
  private void refuseTrainOnly() {
    for (String name : List.of("--epochs", "--early-stopping", "--history", "--lr", "--preflight",
        "--fast-dev-run", "--metrics-port", "--metrics-host", "--run-dir", "--from",
        "--set", "--measure-noise-scale", "--checkpoint-dir", "--checkpoint-every-steps",
        "--keep-last", "--resume", "--save-model", "--max-time")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
        throw new UsageException("lr-find: " + name + " is a train option that the sweep does not "
            + "use (it sweeps the learning rate itself, trains nothing and writes nothing)");
      }
    }
  }

  static void print(LrSweep sweep, PrintWriter out) {
    TerminalPlot plot = TerminalPlot.builder().glyphs(TerminalPlot.Glyphs.forStandardOutput())
        .title("loss against learning rate").xLabel("learning rate").logX(true)
        .series("smoothed loss", sweep.learningRates(), sweep.smoothedLosses())
        .series("batch loss", sweep.learningRates(), sweep.losses()).build();
    out.print(plot.render());
    out.println("      lr   batch loss   smoothed");
    List<LrPoint> points = sweep.points();
    int every = Math.max(1, points.size() / 12);
    LrSuggestion s = sweep.suggestion();
    for (LrPoint p : points) {
      boolean marked = p.iteration() == s.index();
      if (p.iteration() % every == 0 || marked || p.iteration() == points.size() - 1) {
        out.printf(Locale.ROOT, "%9.2e  %10.4f  %9.4f%s%n", p.learningRate(), p.loss(),
            p.smoothedLoss(), marked ? "  <- suggested" : "");
      }
    }
    out.println("stopped: " + sweep.stopReason());
    out.println(s.reason());
    out.println(s.found()
        ? String.format(Locale.ROOT, "suggested learning rate: %.2e", s.learningRate().getAsDouble())
        : "suggested learning rate: none (" + s.reason() + ")");
  }
}
