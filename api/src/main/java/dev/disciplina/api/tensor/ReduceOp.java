package dev.disciplina.api.tensor;

/** Reductions along one axis. */
public enum ReduceOp {
  SUM,
  MEAN,
  MAX,
  MIN,
  /** the index of the largest value (the first on ties), as a float */
  ARGMAX
}
