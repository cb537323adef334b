package dev.disciplina.diagnostics.io;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a number the way logs write it: decimal or scientific ({@code 0.25}, {@code 2.5e-1}),
 * and the non-finite spellings of Python, NumPy, Java and JavaScript ({@code nan}, {@code NaN},
 * {@code inf}, {@code -inf}, {@code Infinity}, {@code -Infinity}). An empty cell, {@code None}
 * or {@code null} is a missing value.
 */
final class Numbers {

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private Numbers() {}

  /** True when the text is a missing value. */
  static boolean isMissing(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.isEmpty() || t.equals("none") || t.equals("null");
  }

  /**
   * The number, or {@code null} when the text is a missing value.
   *
   * @throws NumberFormatException when it is neither
   */
  static Double parse(String text) {
    String t = text.trim();
    if (isMissing(t)) {
      return null;
    }
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        if (!DECIMAL.matcher(t).matches()) {
          throw new NumberFormatException(t);
        }
        return Double.parseDouble(t);
      }
    }
  }

  /** True when the text is a number (finite or not), false when missing or not a number. */
  static boolean isNumber(String text) {
    try {
      return parse(text) != null;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
