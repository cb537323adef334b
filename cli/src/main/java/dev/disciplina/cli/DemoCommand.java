package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Verdict;
import dev.disciplina.trainer.History;
import dev.disciplina.report.ReportPage;
import dev.disciplina.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina demo}: three short runs on the embedded digits, built to underfit, to
 * overfit and to fit well, each with its curves summarised and its verdict.
 */
@Command(name = "demo", description = "Three short runs on the embedded handwritten digits, "
    + "built to underfit, to overfit and to fit well, each with its curves and its verdict.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--backend", paramLabel = "NAME",
      description = "Backend to train on (default: cpu, the pure-Java reference backend).")
  String backend = "cpu";

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of every run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--report", paramLabel = "FILE.html", defaultValue = "demo-report.html",
      description = "The comparison page of the three runs (default: ${DEFAULT-VALUE}).")
  Path report;

  /** One demonstration run: what it shows, how it is set up, and the verdict it should get. */
  record Scenario(String name, String setup, Verdict expected, Recipe recipe) {}

  static List<Scenario> scenarios(Dataset digits, long seed) {
    return List.of(
        new Scenario("underfit",
            "a 4-unit hidden layer and plain SGD at learning rate 0.002 for 12 epochs: "
                + "too small a model, too small a step",
            Verdict.UNDERFITTING,
            new Recipe(digits, 0.2, 0, ModelSpec.parse("mlp:4", "relu", 0, false),
                new OptimizerSpec("sgd", 0.002, Double.NaN), 12, 32, seed, 0)),
        new Scenario("overfit",
            "two hidden layers of 256 units trained with Adam on only 80 training images for 50 "
                + "epochs, no regularisation",
            Verdict.OVERFITTING,
            new Recipe(digits, 0.2, 80, ModelSpec.parse("mlp:256,256", "relu", 0, false),
                new OptimizerSpec("adam", 0.001, Double.NaN), 50, 16, seed, 0)),
        new Scenario("good fit",
            "one hidden layer of 64 units with Adam at learning rate 0.001 and weight decay 0.01 "
                + "on all training images for 30 epochs",
            Verdict.HEALTHY,
            new Recipe(digits, 0.2, 0, ModelSpec.parse("mlp:64", "relu", 0, false),
                new OptimizerSpec("adam", 0.001, 0.01), 30, 32, seed, 0)));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Backend b = Main.backend(backend);
    Dataset digits = EmbeddedDatasets.digits();
    long start = System.nanoTime();
    out.printf(Locale.ROOT, "Disciplina demo: three runs on %s, backend %s, seed %d.%n%n", digits,
        b.name(), seed);
    List<String> recap = new ArrayList<>();
    List<RunReport> reports = new ArrayList<>();
    int n = 0;
    for (Scenario s : scenarios(digits, seed)) {
      n++;
      Split split = s.recipe().split();
      out.printf(Locale.ROOT, "%d. %s: %s%n", n, s.name(), s.setup());
      out.flush();
      History h = s.recipe().run(b, split, List.of());
      Diagnosis d = h.diagnose();
      Map<String, String> configuration = RunReports.configuration(s.recipe(), digits.name(), b.name(), split);
      configuration.put("built to", s.expected().name().toLowerCase(Locale.ROOT) + ": " + s.setup());
      reports.add(RunReports.finished(s.name(), h, configuration, RunReports.majorityBaseline(split)));
      out.print(CurveTable.format(h, 5));
      out.printf(Locale.ROOT, "   verdict: %s (%s)%n", d.verdict(), d.cause().description());
      if (!d.reasons().isEmpty()) {
        out.println("   why: " + d.reasons().get(0));
      }
      if (!d.advice().isEmpty()) {
        out.println("   try: " + d.advice().get(0));
      }
      out.println();
      out.flush();
      recap.add(String.format(Locale.ROOT, "  %-9s %-13s (built to %s)", s.name(), d.verdict(),
          s.expected().name().toLowerCase(Locale.ROOT)));
    }
    out.println("Summary:");
    recap.forEach(out::println);
    ReportPage.comparison(reports).write(report);
    out.println("Report of the three runs: " + report.toAbsolutePath().normalize());
    out.printf(Locale.ROOT, "%.1f s in all. Train your own: ./disciplina train --help%n",
        (System.nanoTime() - start) / 1e9);
    out.flush();
    return 0;
  }
}
