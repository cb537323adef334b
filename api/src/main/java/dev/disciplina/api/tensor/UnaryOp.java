package dev.disciplina.api.tensor;

/** Elementwise functions of one tensor. Each maps {@code x} to one value of the same shape. */
public enum UnaryOp {
  /** {@code -x} */
  NEG,
  /** {@code |x|} */
  ABS,
  /** {@code -1, 0 or 1}; the derivative of {@link #ABS} */
  SIGN,
  /** {@code e^x} */
  EXP,
  /** natural logarithm */
  LOG,
  /** square root */
  SQRT,
  /** {@code x * x} */
  SQUARE,
  /** {@code 1 / x} */
  RECIPROCAL,
  /** hyperbolic tangent */
  TANH,
  /** {@code 1 / (1 + e^-x)} */
  SIGMOID,
  /** {@code max(x, 0)} */
  RELU,
  /** {@code 1 if x > 0 else 0}; the derivative of {@link #RELU} */
  STEP
}
