package dev.disciplina.api.data;

/**
 * A data file that cannot be read as what it claims to be. The message names the file and the
 * line (text formats) or byte offset (binary formats), and says what was expected and what was
 * found: {@code data.csv:17: expected 5 fields, found 4}.
 */
public class MalformedDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long offset;

  private MalformedDataException(String message, String source, long line, long offset) {
    super(message);
    this.source = source;
    this.line = line;
    this.offset = offset;
  }

  /** A problem on {@code line} (from 1) of a text file. */
  public static MalformedDataException atLine(String source, long line, String problem) {
    return new MalformedDataException(source + ":" + line + ": " + problem, source, line, -1);
  }

  /** A problem at byte {@code offset} of a binary file. */
  public static MalformedDataException atByte(String source, long offset, String problem) {
    return new MalformedDataException(source + ": at byte " + offset + ": " + problem, source, -1,
        offset);
  }

  /** A problem with the file as a whole. */
  public static MalformedDataException inFile(String source, String problem) {
    return new MalformedDataException(source + ": " + problem, source, -1, -1);
  }

  /** The file or resource. */
  public String source() {
    return source;
  }

  /** The line of the problem, from 1, or -1. */
  public long line() {
    return line;
  }

  /** The byte offset of the problem, or -1. */
  public long offset() {
    return offset;
  }
}
