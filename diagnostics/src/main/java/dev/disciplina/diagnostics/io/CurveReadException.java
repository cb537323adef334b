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
    super(line > 0 ? file + ":" + line + ": " + detail : file + ": " + detail);
    this.file = file;
    this.line = line;
  }

  /** An error about the whole file, with the exception that caused it. */
  public CurveReadException(String file, String detail, Throwable cause) {
    super(file + ": " + detail, cause);
    this.file = file;
    this.line = 0;
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
