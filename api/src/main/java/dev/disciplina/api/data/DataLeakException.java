package dev.disciplina.api.data;

/** Validation or test examples were found in the training split (see {@link LeakReport}). */
public class DataLeakException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient LeakReport report;

  public DataLeakException(LeakReport report) {
    super(report.message());
    this.report = report;
  }

  public LeakReport report() {
    return report;
  }
}
