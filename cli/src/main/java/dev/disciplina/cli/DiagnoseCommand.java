package dev.disciplina.cli;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import dev.disciplina.diagnostics.io.DiagnosisJson;
import dev.disciplina.report.TerminalPlot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina diagnose FILE... [--json] [--classes K]}: reads learning curves (this
 * project's history CSV, Keras CSVLogger or JSON history, Lightning's metrics.csv, two plain
 * columns) and prints a verdict per file.
 */
@Command(name = "diagnose", description = "Diagnose learning curves read from files: one line "
    + "FILE<TAB>VERDICT per file, or one JSON object per line with --json. Exit code 0 when every "
    + "file was read, 2 when one could not be.")
final class DiagnoseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files to diagnose.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line: file, verdict, cause, "
      + "confidence, bestEpoch, overfittingOnsetEpoch, reasons, advice, measures.")
  boolean json;

  @Option(names = "--classes", paramLabel = "K", description = "The number of classes of a "
      + "cross-entropy classification task, which makes chance level known.")
  Integer classes;

  @Option(names = "--plot", description = "Draw each file's loss curves in the terminal (not with --json).")
  boolean plot;

  @Override
  public Integer call() {
    if (classes != null && classes < 2) {
      throw new UsageException("--classes must be at least 2, got " + classes);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (Path file : files) {
      LearningCurves curves;
      try {
        curves = CurveReaders.read(file);
      } catch (CurveReadException e) {
        err.println("disciplina: " + e.getMessage());
        err.flush();
        if (json) {
          out.println(DiagnosisJson.errorToJson(file, e));
          out.flush();
        }
        status = 2;
        continue;
      }
      if (classes != null) {
        curves = curves.withClasses(classes);
      }
      Diagnosis d = Diagnostics.diagnose(curves);
      out.println(json ? DiagnosisJson.toJson(file, d) : file + "\t" + d.verdict());
      if (plot && !json) {
        out.print(TerminalPlot.losses(curves, TerminalPlot.Glyphs.forStandardOutput()).render());
      }
      out.flush();
    }
    return status;
  }
}
