package dev.disciplina.trainer.preflight;

/** The outcome of one preflight check, from best to worst. */
public enum Status {
  /** The check found nothing wrong. */
  PASS,
  /** Something looks unusual; training may still be right. */
  WARN,
  /** The bug the check exists to catch is there. */
  FAIL
}
