package dev.disciplina.diagnostics.io;

import java.util.OptionalInt;

/**
 * A file of learning curves could not be read. The message is one line that names the file and,
 * where it applies, the line: {@code history.csv:7: expected a number in column val_loss, found
 * "abc"}.
 */
public final class CurveReadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * An error at a line of a file.
   *
   * @param file the file as the user named it
   * @param line the 1-based line, or 0 when the error is about the whole file
   * @param detail what is wrong, without the file name
   */
  public CurveReadException(String file, int line, String detail) {
    super(line > 0 ? file + ":" + line + ": " + oneLine(detail) : file + ": " + oneLine(detail));
    this.file = file;
    this.line = line;
  }

  /** An error about the whole file, with the exception that caused it. */
  public CurveReadException(String file, String detail, Throwable cause) {
    super(file + ": " + oneLine(detail), cause);
    this.file = file;
    this.line = 0;
  }

  /**
   * The detail on one line and of a readable length: line breaks and other control characters
   * (which a quoted cell of a broken file can carry) escaped, anything past 300 characters cut.
   */
  static String oneLine(String detail) {
    StringBuilder sb = new StringBuilder(Math.min(detail.length(), 320));
    for (int i = 0; i < detail.length() && sb.length() < 300; i++) {
      char c = detail.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\uFEFF') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (sb.length() >= 300 && detail.length() > 300) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line the error is on, when it is about one line. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }
}
