package dev.disciplina.report.chart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A small streaming writer of SVG (and the HTML around it): elements with attributes in the order
 * given, text escaped, numbers through {@link Numbers}, two-space indentation and {@code \n} line
 * breaks. The same calls always give the same bytes.
 *
 * <p>Attributes are passed as name-value pairs: {@code start("line", "x1", 0, "y1", 2)}; a value
 * is a {@link String} (escaped), a {@link Number} (written with {@link Numbers#coord}) or {@code
 * null} (the attribute is left out). One writer builds one document on one thread.
 */
public final class SvgWriter {

  private final StringBuilder out = new StringBuilder();
  private final Deque<String> open = new ArrayDeque<>();

  /** Opens {@code tag} with attributes; close it with {@link #end()}. */
  public SvgWriter start(String tag, Object... attributes) {
    indent();
    out.append('<').append(tag);
    attributes(attributes);
    out.append(">\n");
    open.push(tag);
    return this;
  }

  /** Closes the element opened last. */
  public SvgWriter end() {
    String tag = open.pop();
    indent();
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /** An element without content: {@code <tag a="..."/>}. */
  public SvgWriter empty(String tag, Object... attributes) {
    indent();
    out.append('<').append(tag);
    attributes(attributes);
    out.append("/>\n");
    return this;
  }

  /** An element holding only {@code text}, escaped, on one line. */
  public SvgWriter text(String tag, String text, Object... attributes) {
    indent();
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>').append(escape(text)).append("</").append(tag).append(">\n");
    return this;
  }

  /** A line of markup written as is (for a doctype or a style sheet); the caller escapes it. */
  public SvgWriter raw(String markup) {
    indent();
    out.append(markup).append('\n');
    return this;
  }

  /** The document so far; every element must be closed. */
  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed element <" + open.peek() + ">");
    }
    return out.toString();
  }

  private void indent() {
    out.append("  ".repeat(open.size()));
  }

  private void attributes(Object[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name-value pairs, got " + attributes.length + " items");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      String text = value instanceof Number n ? Numbers.coord(n.doubleValue()) : value.toString();
      out.append(' ').append(Objects.requireNonNull(attributes[i], "attribute name")).append("=\"")
          .append(escape(text)).append('"');
    }
  }

  /** Escapes {@code & < > "} for text and attribute values. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
