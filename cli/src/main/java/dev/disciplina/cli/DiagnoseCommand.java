package dev.disciplina.cli;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import dev.disciplina.diagnostics.io.DiagnosisJson;
import dev.disciplina.diagnostics.io.CurveFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
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

  @ParentCommand DisciplinaCommand parent;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files to diagnose; "
      + "- reads standard input (plain or gzip-compressed).")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line: file, verdict, cause, "
      + "confidence, bestEpoch, overfittingOnsetEpoch, reasons, advice, measures.")
  boolean json;

  @Option(names = "--classes", paramLabel = "K", description = "The number of classes of a "
      + "cross-entropy classification task, which makes chance level known.")
  Integer classes;

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
        curves = file.toString().equals("-") ? readStandardInput() : CurveReaders.read(file);
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
      out.flush();
    }
    return status;
  }

  /** Standard input, decompressed when it starts with gzip's magic bytes; named {@value #STDIN}. */
  private LearningCurves readStandardInput() throws CurveReadException {
    try {
      InputStream in = new BufferedInputStream(parent.in, 1 << 16);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      if (gzip) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      return CurveReaders.read(new InputStreamReader(in, StandardCharsets.UTF_8), STDIN,
          CurveFormat.AUTO);
    } catch (IOException e) {
      throw new CurveReadException(STDIN, "cannot read: " + Main.ioReason(e), e);
    }
  }

  /** How standard input is named in messages. */
  static final String STDIN = "<stdin>";
}
