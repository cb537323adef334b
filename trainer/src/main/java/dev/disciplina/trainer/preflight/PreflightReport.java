package dev.disciplina.trainer.preflight;

import java.util.List;
import java.util.Locale;

/** The checklist's results, in the order the checks ran. An immutable value. */
public record PreflightReport(List<CheckResult> results) {

  public PreflightReport {
    results = List.copyOf(results);
  }

  /** Whether no check failed (warnings allowed). */
  public boolean passed() {
    return count(Status.FAIL) == 0;
  }

  /** How many checks ended with {@code status}. */
  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** The result of the check named {@code check}. */
  public CheckResult result(String check) {
    return results.stream().filter(r -> r.check().equals(check)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no preflight check named '" + check + "'"));
  }

  /** For example {@code preflight: 8 passed, 2 warnings, 0 failed}. */
  public String summary() {
    long w = count(Status.WARN);
    return String.format(Locale.ROOT, "preflight: %d passed, %d warning%s, %d failed",
        count(Status.PASS), w, w == 1 ? "" : "s", count(Status.FAIL));
  }
}
