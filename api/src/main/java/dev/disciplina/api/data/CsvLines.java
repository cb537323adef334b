package dev.disciplina.api.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited lines into fields: RFC 4180 quoting within a line ({@code "a,b"}, {@code ""}
 * for a quote), surrounding spaces trimmed, blank lines skipped. Remembers the line number for
 * error messages.
 */
final class CsvLines {

  private final BufferedReader reader;
  private final String source;
  private final char delimiter;
  private long lineNumber;

  CsvLines(BufferedReader reader, String source, char delimiter) {
    this.reader = reader;
    this.source = source;
    this.delimiter = delimiter;
  }

  /** The fields of the next non-blank line, or null at the end. */
  List<String> next() throws IOException {
    String line;
    do {
      line = reader.readLine();
      if (line == null) {
        return null;
      }
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
    } while (line.isBlank());
    return split(line);
  }

  /** The line number of the line last returned by {@link #next()}, from 1. */
  long lineNumber() {
    return lineNumber;
  }

  String source() {
    return source;
  }

  MalformedDataException error(String problem) {
    return MalformedDataException.atLine(source, lineNumber, problem);
  }

  private List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.toString().isBlank()) {
        quoted = true;
        wasQuoted = true;
        cur.setLength(0);
      } else if (c == delimiter) {
        fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw error("a quoted field is not closed (fields may not span lines)");
    }
    fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
    return fields;
  }

  /** Parses a finite number of the line last returned, or fails naming the line and column. */
  float number(String field, int column, String what) {
    return number(field, source, lineNumber, column, what);
  }

  /** Parses a finite number, or fails naming the line and column. */
  static float number(String field, String source, long line, int column, String what) {
    if (field.isEmpty()) {
      throw MalformedDataException.atLine(source, line, "missing value in column " + (column + 1)
          + " (" + what + ")");
    }
    float v;
    try {
      v = Float.parseFloat(field);
    } catch (NumberFormatException e) {
      throw MalformedDataException.atLine(source, line, "column " + (column + 1) + " (" + what
          + "): '" + shorten(field) + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw MalformedDataException.atLine(source, line, "column " + (column + 1) + " (" + what
          + "): '" + shorten(field) + "' is not a finite number");
    }
    return v;
  }

  /** The field as a finite number, or NaN when it is not one. */
  static float finiteNumber(String field) {
    if (field.isEmpty()) {
      return Float.NaN;
    }
    try {
      float v = Float.parseFloat(field);
      return Float.isFinite(v) ? v : Float.NaN;
    } catch (NumberFormatException e) {
      return Float.NaN;
    }
  }

  /** A field as an error message quotes it: at most 40 characters. */
  static String shorten(String field) {
    return field.length() <= 40 ? field : field.substring(0, 37) + "...";
  }

  static boolean isNumber(String field) {
    if (field.isEmpty()) {
      return false;
    }
    try {
      Float.parseFloat(field);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
