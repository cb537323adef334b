package dev.disciplina.trainer.preflight;

import java.util.Locale;
import java.util.Objects;

/**
 * What one check found: its name, its status and the numbers behind it, in one line.
 *
 * @param check the check's name, such as {@code initial loss}
 * @param status pass, warn or fail
 * @param detail the evidence, with its numbers
 */
public record CheckResult(String check, Status status, String detail) {

  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  static CheckResult pass(String check, String detail) {
    return new CheckResult(check, Status.PASS, detail);
  }

  static CheckResult warn(String check, String detail) {
    return new CheckResult(check, Status.WARN, detail);
  }

  static CheckResult fail(String check, String detail) {
    return new CheckResult(check, Status.FAIL, detail);
  }

  /** For example {@code [pass] initial loss: 2.31 against ln 10 = 2.30}. */
  public String line() {
    return "[" + status.name().toLowerCase(Locale.ROOT) + "] " + check + ": " + detail;
  }
}
