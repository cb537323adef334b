package dev.disciplina.diagnostics;

/**
 * The front door: {@code Diagnostics.diagnose(curves)} with the documented default thresholds.
 *
 * <p>To read curves from a file first, see {@code dev.disciplina.diagnostics.io.CurveReaders};
 * to render the result as JSON, {@code dev.disciplina.diagnostics.io.DiagnosisJson}; for a
 * verdict after every epoch, {@link OnlineDiagnostician}.
 */
public final class Diagnostics {

  private static final Diagnostician DEFAULT = new Diagnostician(Thresholds.defaults());

  private Diagnostics() {}

  /** Diagnoses the curves with the default thresholds. Thread-safe. */
  public static Diagnosis diagnose(LearningCurves curves) {
    return DEFAULT.diagnose(curves);
  }

  /** Diagnoses the curves with the given thresholds. Thread-safe. */
  public static Diagnosis diagnose(LearningCurves curves, Thresholds thresholds) {
    return new Diagnostician(thresholds).diagnose(curves);
  }
}
