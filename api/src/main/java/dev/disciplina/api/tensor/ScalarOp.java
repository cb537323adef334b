package dev.disciplina.api.tensor;

/** Elementwise functions of a tensor {@code x} and a scalar {@code s}. */
public enum ScalarOp {
  /** {@code x + s} */
  ADD,
  /** {@code x * s} */
  MUL,
  /** {@code s - x} */
  RSUB,
  /** {@code s / x} */
  RDIV,
  /** {@code x ^ s} */
  POW,
  /** {@code max(x, s)} */
  MAX,
  /** {@code min(x, s)} */
  MIN
}
