package dev.disciplina.examples;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import java.nio.file.Path;

/**
 * Diagnostics on its own: reads a Keras {@code CSVLogger} file (or any log {@code disciplina
 * diagnose} reads) and prints the verdict, the reasons and the advice.
 */
public final class ReadKerasLog {

  private ReadKerasLog() {}

  /** Diagnoses the log at {@code args[0]}. */
  public static void main(String[] args) throws CurveReadException {
    Diagnosis d = diagnose(Path.of(args[0]));
    System.out.println(d.verdict() + ": " + d.summary());
  }

  /** The example's body: the diagnosis of the curves in {@code log}. */
  public static Diagnosis diagnose(Path log) throws CurveReadException {
    LearningCurves curves = CurveReaders.read(log);
    return Diagnostics.diagnose(curves);
  }
}
