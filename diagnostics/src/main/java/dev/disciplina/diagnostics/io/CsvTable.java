package dev.disciplina.diagnostics.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, careful CSV reader: RFC 4180 quoting (quoted cells may hold delimiters, doubled quotes
 * and line breaks), CR, LF or CRLF line ends, a UTF-8 byte-order mark, blank lines and {@code #}
 * comment lines skipped. The delimiter is the one of comma, semicolon and tab that occurs most in
 * the first record; with none of them, cells are separated by runs of whitespace (as {@code
 * numpy.savetxt} writes). Cells are trimmed. Every record keeps the line it starts on, for error
 * messages.
 */
final class CsvTable {

  /** One record and the 1-based line it starts on. */
  record Row(int line, List<String> cells) {}

  private CsvTable() {}

  /** The records of {@code text}, in order. */
  static List<Row> parse(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    char delimiter = detectDelimiter(s);
    List<Row> rows = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = s.length();
    while (i < n) {
      int recordLine = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean anyQuoted = false;
      boolean end = false;
      while (i < n && !end) {
        char ch = s.charAt(i);
        if (quoted) {
          if (ch == '"') {
            if (i + 1 < n && s.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            quoted = false;
            i++;
            continue;
          }
          if (ch == '\n' || (ch == '\r' && !(i + 1 < n && s.charAt(i + 1) == '\n'))) {
            line++;
          }
          cell.append(ch);
          i++;
          continue;
        }
        if (ch == '"' && cell.toString().isBlank()) {
          quoted = true;
          anyQuoted = true;
          cell.setLength(0);
          i++;
        } else if (ch == '\r' || ch == '\n') {
          i += (ch == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
          line++;
          end = true;
        } else if (delimiter != ' ' && ch == delimiter) {
          cells.add(cell.toString().trim());
          cell.setLength(0);
          i++;
        } else if (delimiter == ' ' && Character.isWhitespace(ch)) {
          if (!cell.isEmpty()) {
            cells.add(cell.toString().trim());
            cell.setLength(0);
          }
          i++;
        } else {
          cell.append(ch);
          i++;
        }
      }
      if (delimiter != ' ' || !cell.isEmpty()) {
        cells.add(cell.toString().trim());
      }
      boolean blank = !anyQuoted && cells.stream().allMatch(String::isEmpty);
      boolean comment = !cells.isEmpty() && cells.get(0).startsWith("#");
      if (!blank && !comment) {
        rows.add(new Row(recordLine, List.copyOf(cells)));
      }
    }
    return rows;
  }

  private static char detectDelimiter(String s) {
    int start = 0;
    while (start < s.length()) {
      int eol = s.indexOf('\n', start);
      String line = (eol < 0 ? s.substring(start) : s.substring(start, eol)).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        return delimiterOf(line);
      }
      if (eol < 0) {
        break;
      }
      start = eol + 1;
    }
    return ',';
  }

  private static char delimiterOf(String line) {
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (ch == ',') {
          comma++;
        } else if (ch == ';') {
          semicolon++;
        } else if (ch == '\t') {
          tab++;
        }
      }
    }
    if (comma == 0 && semicolon == 0 && tab == 0) {
      return ' ';
    }
    if (comma >= semicolon && comma >= tab) {
      return ',';
    }
    return tab >= semicolon ? '\t' : ';';
  }
}
