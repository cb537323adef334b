package dev.disciplina.api.data;

/** What {@link Split#of} does when validation or test examples also appear in training. */
public enum LeakPolicy {
  /** Throw a {@link DataLeakException}: the split would make validation meaningless. */
  FAIL,
  /** Log a warning through {@link System.Logger} and go on; the count stays in the report. */
  WARN,
  /** Count and go on silently. */
  IGNORE
}
