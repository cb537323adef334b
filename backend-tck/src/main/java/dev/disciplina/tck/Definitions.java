package dev.disciplina.tck;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ScalarOp;
import dev.disciplina.api.tensor.UnaryOp;

/**
 * What each elementwise op means, in double precision: the definitions the kit checks every
 * backend against, public so a backend's own tests use the same ones.
 */
public final class Definitions {

  private Definitions() {}

  public static double unary(UnaryOp op, double x) {
    return switch (op) {
      case NEG -> -x;
      case ABS -> Math.abs(x);
      case SIGN -> Math.signum(x);
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case SQRT -> Math.sqrt(x);
      case SQUARE -> x * x;
      case RECIPROCAL -> 1 / x;
      case TANH -> Math.tanh(x);
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      case RELU -> Math.max(x, 0);
      case STEP -> x > 0 ? 1 : 0;
    };
  }

  public static double binary(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case MAX -> Math.max(a, b);
      case MIN -> Math.min(a, b);
    };
  }

  public static double scalar(ScalarOp op, double x, double s) {
    return switch (op) {
      case ADD -> x + s;
      case MUL -> x * s;
      case RSUB -> s - x;
      case RDIV -> s / x;
      case POW -> Math.pow(x, s);
      case MAX -> Math.max(x, s);
      case MIN -> Math.min(x, s);
    };
  }
}
