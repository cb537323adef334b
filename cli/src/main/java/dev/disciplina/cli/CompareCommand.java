package dev.disciplina.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina compare RUN... [-o compare.html]}: what changed between runs and what it did.
 * The first run is the baseline; for every other run one line {@code changed: KEY A -> B} per
 * difference, a line beginning {@code warning: more than one thing changed} when more than one
 * factor differs, runs on different data flagged as not comparable, then the runs side by side.
 */
@Command(name = "compare", sortOptions = false, description = "Compare runs with the first one "
    + "(the baseline): one line 'changed: KEY A -> B' per difference in configuration, data, "
    + "backend or version, a warning when more than one thing changed, then verdicts, best "
    + "epochs, best validation losses and final metrics side by side.")
final class CompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RUN", description = "Run directories (of 'train "
      + "--run-dir'), manifests (run.json) or curve logs; the first is the baseline.")
  List<Path> runs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.html",
      description = "Write the comparison page: the runs' curves on the same axes, one colour per "
          + "run, verdicts side by side.")
  Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<ComparedRun> read = new ArrayList<>();
    for (Path p : runs) {
      read.add(ComparedRun.read(p));
    }
    ComparisonText.print(read, out);
    out.println();
    out.print(ComparisonPage.plots(read));
    if (output != null) {
      ComparisonPage.write(read, output);
      out.println("comparison page: " + output);
    }
    out.flush();
    return 0;
  }
}
