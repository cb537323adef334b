package dev.disciplina.trainer.preflight;

/**
 * One item of the checklist. A check looks at the data and at fresh models built from the
 * experiment (never the user's model), and reports its numbers. Stateless; called on one thread.
 */
public interface PreflightCheck {

  /** A short stable name, such as {@code overfit one batch}. */
  String name();

  /** Runs the check. An exception is reported by {@link Preflight} as a failure of this check. */
  CheckResult run(PreflightSubject subject);
}
