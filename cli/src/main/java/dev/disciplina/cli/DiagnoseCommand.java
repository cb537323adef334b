package dev.disciplina.cli;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostician;
import dev.disciplina.diagnostics.Explanation;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveFormat;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import dev.disciplina.diagnostics.io.DiagnosisJson;
import dev.disciplina.report.TerminalPlot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code disciplina diagnose FILE... [--json] [--explain] [--classes K] [--format F] [--run N]}:
 * reads learning curves (this project's history CSV, Keras CSVLogger or JSON history, Lightning's
 * metrics.csv, console output of Keras or PyTorch, two plain columns) and prints a verdict per
 * file. Each file goes through {@link #read}, then {@link #report}: the two steps an option that
 * changes where curves come from or how a verdict is shown extends.
 */
@Command(name = "diagnose", description = "Diagnose learning curves read from files: one line "
    + "FILE<TAB>VERDICT per file, or one JSON object per line with --json. Exit code 0 when every "
    + "file was read, 2 when one could not be.")
final class DiagnoseCommand implements Callable<Integer> {

  private static final Diagnostician DIAGNOSTICIAN = new Diagnostician();

  @Spec CommandSpec spec;

  @ParentCommand DisciplinaCommand parent;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files to diagnose "
      + "(gzip-compressed ones too); - reads standard input.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line: file, verdict, cause, "
      + "confidence, bestEpoch, overfittingOnsetEpoch, reasons, advice, measures (and rule with "
      + "--explain).")
  boolean json;

  @Option(names = "--explain", description = "Also print the measures and which rule decided, "
      + "after the rules that did not hold.")
  boolean explain;

  @Option(names = "--classes", paramLabel = "K", description = "The number of classes of a "
      + "cross-entropy classification task, which makes chance level known.")
  Integer classes;

  @Option(names = "--plot", description = "Draw each file's loss curves in the terminal (not with --json).")
  boolean plot;

  @Option(names = "--format", paramLabel = "FORMAT", description = "The file format, detected "
      + "from the content unless given: auto, history, keras-csv, keras-json, lightning, plain, "
      + "console.")
  String format = "auto";

  @Option(names = "--run", paramLabel = "N", description = "Of a file that holds several runs "
      + "(its epoch counter restarts: an appending CSVLogger, a restarted script, several models "
      + "one after another), diagnose run N (from 1). Default: the last.")
  Integer run;

  @Override
  public Integer call() {
    if (classes != null && classes < 2) {
      throw new UsageException("--classes must be at least 2, got " + classes);
    }
    if (run != null && run < 1) {
      throw new UsageException("--run must be at least 1, got " + run);
    }
    CurveFormat curveFormat;
    try {
      curveFormat = CurveFormat.fromName(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (Path file : files) {
      LearningCurves curves;
      try {
        curves = read(file, curveFormat, err);
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
      report(file, DIAGNOSTICIAN.explain(curves), out);
      if (plot && !json) {
        out.print(TerminalPlot.losses(curves, TerminalPlot.Glyphs.forStandardOutput()).render());
        out.flush();
      }
    }
    return status;
  }

  /** The curves of one file: the run asked for, or the last, saying so when there were several. */
  LearningCurves read(Path file, CurveFormat curveFormat, PrintWriter err) throws CurveReadException {
    List<LearningCurves> runs = file.toString().equals("-")
        ? CurveReaders.parseRuns(STDIN, standardInput(), curveFormat)
        : CurveReaders.readRuns(file, curveFormat);
    if (run != null) {
      if (run > runs.size()) {
        throw new CurveReadException(file.toString(), 0, "--run " + run + " asked for, but the file holds "
            + runs.size() + (runs.size() == 1 ? " run" : " runs"));
      }
      return runs.get(run - 1);
    }
    if (runs.size() > 1) {
      err.println("disciplina: " + file + " holds " + runs.size() + " runs (the epoch counter restarts); "
          + "diagnosing the last, choose another with --run N");
      err.flush();
    }
    return runs.get(runs.size() - 1);
  }

  /** Prints one file's verdict in the form asked for. */
  void report(Path file, Explanation explanation, PrintWriter out) {
    Diagnosis d = explanation.diagnosis();
    if (json) {
      var node = DiagnosisJson.toNode(file.toString(), d);
      if (explain) {
        node.put("rule", explanation.decidedBy());
      }
      out.println(node.toString());
    } else if (explain) {
      out.print(explainText(file, explanation));
    } else {
      out.println(file + "\t" + d.verdict());
    }
    out.flush();
  }

  /** The verdict, the rule that decided it, the rules that did not hold, the reasons and the measures. */
  static String explainText(Path file, Explanation e) {
    Diagnosis d = e.diagnosis();
    StringBuilder sb = new StringBuilder();
    sb.append(file).append('\t').append(d.verdict()).append('\n');
    sb.append("decided by rule \"").append(e.decidedBy()).append("\" (").append(d.cause().description())
        .append(")\n");
    if (!e.notHolding().isEmpty()) {
      sb.append("rules tried before, which did not hold: ").append(String.join(", ", e.notHolding())).append('\n');
    }
    sb.append("why:\n");
    d.reasons().forEach(r -> sb.append("  - ").append(r).append('\n'));
    sb.append("what to try:\n");
    d.advice().forEach(a -> sb.append("  - ").append(a).append('\n'));
    sb.append("measures:\n");
    for (Map.Entry<String, Number> m : d.measures().asMap().entrySet()) {
      Number v = m.getValue();
      String text = v instanceof Double x
          ? (x.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.4g", x))
          : v.toString();
      sb.append(String.format(Locale.ROOT, "  %-28s %s%n", m.getKey(), text));
    }
    return sb.toString();
  }

  /** How standard input is named in messages. */
  static final String STDIN = "<stdin>";

  /** Standard input as text, decompressed when it starts with gzip's magic bytes. */
  private String standardInput() throws CurveReadException {
    try {
      java.io.InputStream in = new java.io.BufferedInputStream(parent.in, 1 << 16);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      if (gzip) {
        in = new java.util.zip.GZIPInputStream(in, 1 << 16);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new CurveReadException(STDIN, "cannot read: " + Main.ioReason(e), e);
    }
  }
}
