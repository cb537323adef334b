package dev.disciplina.cli;

import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveFormat;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import dev.disciplina.report.ReportPage;
import dev.disciplina.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina report FILE... [-o report.html]}: draws learning curves read from files (any
 * format {@code diagnose} reads) as one self-contained HTML page; several files give one
 * comparison page, and so does a file that holds several runs (an appending CSVLogger, a restarted
 * script): each of its runs is drawn. Nothing is written unless every file was read.
 */
@Command(name = "report", description = "Draw learning curves read from files as one self-contained "
    + "HTML page (inline SVG, no script, no network): one file gives the run's page, several a comparison "
    + "on the same axes (a file holding several runs gives one line per run). Exit code 2 when a file cannot "
    + "be read; nothing is written then.")
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files: this project's history "
      + "CSV, Keras CSVLogger or JSON history, Lightning metrics.csv, two plain columns.")
  List<Path> files;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", defaultValue = "report.html",
      description = "The page to write (default: ${DEFAULT-VALUE}), replaced atomically.")
  Path output;

  @Option(names = "--classes", paramLabel = "K", description = "The number of classes of a "
      + "cross-entropy classification task, which makes chance level known.")
  Integer classes;

  @Override
  public Integer call() throws IOException {
    if (classes != null && classes < 2) {
      throw new UsageException("--classes must be at least 2, got " + classes);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<String> names = new HashSet<>();
    boolean duplicates = false;
    for (Path f : files) {
      duplicates |= !names.add(String.valueOf(f.getFileName()));
    }
    List<RunReport> runs = new ArrayList<>();
    for (Path file : files) {
      List<LearningCurves> fileRuns;
      CurveFormat format;
      try {
        format = CurveReaders.detect(file);
        fileRuns = CurveReaders.readRuns(file, format);
      } catch (CurveReadException e) {
        err.println("disciplina: " + e.getMessage());
        err.flush();
        return Main.USAGE;
      }
      String name = duplicates ? file.toString() : String.valueOf(file.getFileName());
      for (int i = 0; i < fileRuns.size(); i++) {
        LearningCurves curves = classes != null ? fileRuns.get(i).withClasses(classes) : fileRuns.get(i);
        Map<String, String> table = new LinkedHashMap<>();
        table.put("file", file.toString());
        table.put("format", format.cliName());
        if (fileRuns.size() > 1) {
          table.put("run", (i + 1) + " of " + fileRuns.size() + " in the file");
        }
        table.put("epochs", curves.epochs().get(0) + " to " + curves.epochs().get(curves.size() - 1));
        runs.add(RunReport.of(fileRuns.size() > 1 ? name + " run " + (i + 1) : name, curves)
            .withConfiguration(table));
      }
    }
    ReportPage page = runs.size() == 1 ? ReportPage.single(runs.get(0)) : ReportPage.comparison(runs);
    page.write(output);
    out.println("report: " + output + " (" + runs.size() + (runs.size() == 1 ? " run" : " runs") + ")");
    for (RunReport r : runs) {
      out.println("  " + r.name() + "\t" + r.diagnosis().verdict());
    }
    out.flush();
    return 0;
  }
}
