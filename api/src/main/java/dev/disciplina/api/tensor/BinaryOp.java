package dev.disciplina.api.tensor;

/** Elementwise functions of two tensors, applied after NumPy-style broadcasting. */
public enum BinaryOp {
  ADD,
  SUB,
  MUL,
  DIV,
  /** the larger of the two values */
  MAX,
  /** the smaller of the two values */
  MIN
}
