package dev.disciplina.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chart panel: a title, two axes with round ticks and grid lines, lines (solid or dashed, with
 * a dot and a hover title per point), shaded bands, horizontal reference lines (chance level, a
 * baseline), vertical markers with labels (best epoch, onset of overfitting), and a legend under
 * the plot. {@link #render(SvgWriter, String)} writes it as one {@code <svg>} element; the same
 * chart always gives the same bytes.
 *
 * <p>Non-finite values, and non-positive ones on a log scale, are not drawn: a line breaks there.
 * Build one with {@link #builder(String)}; a chart is immutable.
 */
public final class Chart {

  /** How a line is stroked. */
  public enum Dash {
    SOLID(null),
    DASHED("6 4"),
    DOTTED("2 3");

    private final String pattern;

    Dash(String pattern) {
      this.pattern = pattern;
    }

    /** The SVG {@code stroke-dasharray}, or null for a solid line. */
    public String pattern() {
      return pattern;
    }
  }

  /**
   * A line through {@code (xs[i], ys[i])}.
   *
   * @param label the legend entry and the hover title of its points
   * @param xs the x values
   * @param ys the y values, as many as {@code xs}
   * @param colour the stroke colour
   * @param dash the stroke pattern
   * @param width the stroke width in pixels
   * @param points whether each value gets a dot with a hover title (lines of at most 60 values)
   */
  public record Line(String label, double[] xs, double[] ys, String colour, Dash dash, double width, boolean points) {
    public Line {
      Objects.requireNonNull(label, "label");
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("line " + label + " has " + xs.length + " x values but " + ys.length + " y values");
      }
      xs = xs.clone();
      ys = ys.clone();
    }
  }

  /** A shaded band between {@code lo[i]} and {@code hi[i]} at {@code xs[i]}, drawn under the lines. */
  public record Band(String label, double[] xs, double[] lo, double[] hi, String colour) {
    public Band {
      Objects.requireNonNull(label, "label");
      if (xs.length != lo.length || xs.length != hi.length) {
        throw new IllegalArgumentException("band " + label + " needs as many bounds as x values");
      }
      xs = xs.clone();
      lo = lo.clone();
      hi = hi.clone();
    }
  }

  /** A horizontal dashed line at {@code y} across the plot, labelled at its right end. */
  public record Reference(String label, double y, String colour) {}

  /** A vertical line at {@code x}, labelled at the top of the plot. */
  public record Marker(String label, double x, String colour, Dash dash) {}

  /** Pixel layout of a panel. */
  private static final double LEFT = 62;
  private static final double RIGHT = 18;
  private static final double TOP_PLAIN = 30;
  private static final double TOP_WITH_NOTE = 44;
  private static final double AXIS_BOTTOM = 40;
  private static final double LEGEND_ROW = 16;
  private static final double CHAR = 6.6;
  /** Lines with more values than this get no dots: they would hide the line. */
  private static final int MAX_POINTS = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double width;
  private final double height;
  private final Scale xScale;
  private final Scale yScale;
  private final List<Band> bands;
  private final List<Line> lines;
  private final List<Reference> references;
  private final List<Marker> markers;
  private final String note;
  private final double top;

  private Chart(Builder b) {
    this.title = b.title;
    this.xLabel = b.xLabel;
    this.yLabel = b.yLabel;
    this.width = b.width;
    this.height = b.height;
    this.bands = List.copyOf(b.bands);
    this.lines = List.copyOf(b.lines);
    this.references = List.copyOf(b.references);
    this.markers = List.copyOf(b.markers);
    this.note = b.note;
    this.top = b.note == null ? TOP_PLAIN : TOP_WITH_NOTE;
    this.xScale = b.xScale != null ? b.xScale : Scale.linear(min(xValues()), max(xValues()), 8, b.integerX);
    this.yScale = b.yScale != null ? b.yScale : (b.logY == null ? Scale.forValues(yValues(), 6)
        : b.logY && positive(yValues()) ? Scale.log(minPositive(yValues()), max(yValues()))
        : Scale.linear(min(yValues()), max(yValues()), 6, false));
  }

  /** A builder for a chart titled {@code title}. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** The y scale chosen (log when the values span more than a decade, unless set). */
  public Scale yScale() {
    return yScale;
  }

  /** The x scale chosen. */
  public Scale xScale() {
    return xScale;
  }

  private double[] xValues() {
    List<Double> v = new ArrayList<>();
    lines.forEach(l -> { for (double x : l.xs()) { v.add(x); } });
    bands.forEach(b -> { for (double x : b.xs()) { v.add(x); } });
    markers.forEach(m -> v.add(m.x()));
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double[] yValues() {
    List<Double> v = new ArrayList<>();
    lines.forEach(l -> { for (double y : l.ys()) { v.add(y); } });
    bands.forEach(b -> {
      for (int i = 0; i < b.xs().length; i++) {
        v.add(b.hi()[i]);
        if (b.lo()[i] > 0) {
          v.add(b.lo()[i]);
        }
      }
    });
    references.forEach(r -> v.add(r.y()));
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        m = Math.min(m, x);
      }
    }
    return Double.isFinite(m) ? m : 0;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        m = Math.max(m, x);
      }
    }
    return Double.isFinite(m) ? m : 1;
  }

  private static double minPositive(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x) && x > 0) {
        m = Math.min(m, x);
      }
    }
    return Double.isFinite(m) ? m : 1;
  }

  private static boolean positive(double[] v) {
    for (double x : v) {
      if (Double.isFinite(x) && x > 0) {
        return true;
      }
    }
    return false;
  }

  private double plotRight() {
    return width - RIGHT;
  }

  private double plotBottom() {
    return height - AXIS_BOTTOM;
  }

  /** The height of the whole panel: the plot and its axes, then one row per legend line. */
  private double totalHeight() {
    return height + LEGEND_ROW * legendRows().size() + 6;
  }

  private double px(double x) {
    return LEFT + xScale.fraction(x) * (plotRight() - LEFT);
  }

  private double py(double y) {
    return plotBottom() - yScale.fraction(y) * (plotBottom() - top);
  }

  /** Legend entries laid out in rows that fit the width: each a label and how it is drawn. */
  private List<List<Object>> legendRows() {
    List<Object> entries = new ArrayList<>();
    entries.addAll(bands);
    entries.addAll(lines);
    entries.addAll(references);
    List<List<Object>> rows = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    double x = LEFT;
    for (Object e : entries) {
      double w = 30 + CHAR * label(e).length() + 16;
      if (!row.isEmpty() && x + w > width - RIGHT) {
        rows.add(row);
        row = new ArrayList<>();
        x = LEFT;
      }
      row.add(e);
      x += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static String label(Object e) {
    if (e instanceof Line l) {
      return l.label();
    }
    if (e instanceof Band b) {
      return b.label();
    }
    return ((Reference) e).label();
  }

  /** Writes the chart as an {@code <svg>} element; {@code id} makes its clip path unique on a page. */
  public void render(SvgWriter w, String id) {
    double bottom = plotBottom();
    double right = plotRight();
    w.start("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "viewBox",
        "0 0 " + Numbers.coord(width) + " " + Numbers.coord(totalHeight()), "width", width, "height", totalHeight(),
        "role", "img", "aria-label", title);
    w.text("title", title);
    w.start("defs");
    w.start("clipPath", "id", id + "-plot");
    w.empty("rect", "x", LEFT, "y", top, "width", right - LEFT, "height", bottom - top);
    w.end();
    w.end();
    w.text("text", title, "class", "chart-title", "x", LEFT, "y", 18);
    if (note != null) {
      w.text("text", note, "class", "chart-note", "x", LEFT, "y", 33);
    }
    // grid and tick labels
    w.start("g", "class", "grid");
    for (double t : yScale.ticks()) {
      double y = py(t);
      w.empty("line", "x1", LEFT, "y1", y, "x2", right, "y2", y);
    }
    for (double t : xScale.ticks()) {
      double x = px(t);
      w.empty("line", "x1", x, "y1", top, "x2", x, "y2", bottom);
    }
    w.end();
    w.start("g", "class", "axis");
    w.empty("line", "x1", LEFT, "y1", bottom, "x2", right, "y2", bottom);
    w.empty("line", "x1", LEFT, "y1", top, "x2", LEFT, "y2", bottom);
    for (double t : yScale.ticks()) {
      w.text("text", yScale.label(t), "x", LEFT - 6, "y", py(t) + 4, "text-anchor", "end");
    }
    for (double t : xScale.ticks()) {
      w.text("text", xScale.label(t), "x", px(t), "y", bottom + 16, "text-anchor", "middle");
    }
    w.text("text", xLabel, "class", "axis-label", "x", (LEFT + right) / 2, "y", bottom + 32, "text-anchor", "middle");
    w.text("text", yLabel + (yScale.isLog() ? " (log scale)" : ""), "class", "axis-label", "x", 12,
        "y", (top + bottom) / 2, "text-anchor", "middle", "transform",
        "rotate(-90 12 " + Numbers.coord((top + bottom) / 2) + ")");
    w.end();
    w.start("g", "clip-path", "url(#" + id + "-plot)");
    for (Band b : bands) {
      band(w, b);
    }
    for (Reference r : references) {
      if (yScale.accepts(r.y())) {
        w.empty("line", "class", "reference", "x1", LEFT, "y1", py(r.y()), "x2", right, "y2", py(r.y()),
            "stroke", r.colour(), "stroke-dasharray", "3 3");
      }
    }
    for (Line l : lines) {
      line(w, l);
    }
    w.end();
    markers(w, bottom);
    legend(w, bottom);
    w.end();
  }

  private void band(SvgWriter w, Band b) {
    for (int[] run : runs(b.xs(), b.hi(), true)) {
      StringBuilder d = new StringBuilder();
      for (int i = run[0]; i < run[1]; i++) {
        d.append(i == run[0] ? "M" : " L").append(Numbers.coord(px(b.xs()[i]))).append(',')
            .append(Numbers.coord(py(b.hi()[i])));
      }
      for (int i = run[1] - 1; i >= run[0]; i--) {
        double lo = yScale.accepts(b.lo()[i]) ? b.lo()[i] : yScale.min();
        d.append(" L").append(Numbers.coord(px(b.xs()[i]))).append(',').append(Numbers.coord(py(lo)));
      }
      d.append(" Z");
      w.empty("path", "class", "band", "d", d.toString(), "fill", b.colour(), "fill-opacity", "0.18");
    }
  }

  private void line(SvgWriter w, Line l) {
    for (int[] run : runs(l.xs(), l.ys(), false)) {
      StringBuilder d = new StringBuilder();
      for (int i = run[0]; i < run[1]; i++) {
        d.append(i == run[0] ? "M" : " L").append(Numbers.coord(px(l.xs()[i]))).append(',')
            .append(Numbers.coord(py(l.ys()[i])));
      }
      w.empty("path", "class", "line", "d", d.toString(), "fill", "none", "stroke", l.colour(),
          "stroke-width", l.width(), "stroke-dasharray", l.dash().pattern());
    }
    if (l.points() && l.xs().length <= MAX_POINTS) {
      w.start("g", "class", "points", "fill", l.colour());
      for (int i = 0; i < l.xs().length; i++) {
        if (xScale.accepts(l.xs()[i]) && yScale.accepts(l.ys()[i])) {
          w.start("circle", "cx", px(l.xs()[i]), "cy", py(l.ys()[i]), "r", 2.5);
          w.text("title", l.label() + ", " + xLabel + " " + xScale.label(l.xs()[i]).replaceAll("\\.0+$", "")
              + ": " + Numbers.significant(l.ys()[i], 4));
          w.end();
        }
      }
      w.end();
    }
  }

  /** Index ranges [from, to) of consecutive drawable points. */
  private List<int[]> runs(double[] xs, double[] ys, boolean band) {
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= xs.length; i++) {
      boolean ok = i < xs.length && xScale.accepts(xs[i]) && yScale.accepts(ys[i]);
      if (ok && start < 0) {
        start = i;
      } else if (!ok && start >= 0) {
        if (i - start >= (band ? 2 : 1)) {
          runs.add(new int[] {start, i});
        }
        start = -1;
      }
    }
    return runs;
  }

  private void markers(SvgWriter w, double bottom) {
    // markers at the same x share one line and one label
    Map<String, List<Marker>> byX = new LinkedHashMap<>();
    for (Marker m : markers) {
      if (xScale.accepts(m.x())) {
        byX.computeIfAbsent(Numbers.coord(px(m.x())), k -> new ArrayList<>()).add(m);
      }
    }
    int row = 0;
    w.start("g", "class", "markers");
    for (List<Marker> group : byX.values()) {
      Marker first = group.get(0);
      double x = px(first.x());
      w.empty("line", "x1", x, "y1", top, "x2", x, "y2", bottom, "stroke", first.colour(), "stroke-width", 1.5,
          "stroke-dasharray", first.dash().pattern());
      String text = String.join("; ", group.stream().map(Marker::label).toList());
      boolean rightHalf = x > (LEFT + plotRight()) / 2;
      w.text("text", text, "class", "marker-label", "x", rightHalf ? x - 4 : x + 4, "y", top + 12 + 13 * (row % 6),
          "text-anchor", rightHalf ? "end" : "start", "fill", first.colour());
      row++;
    }
    w.end();
  }

  private void legend(SvgWriter w, double bottom) {
    List<List<Object>> rows = legendRows();
    w.start("g", "class", "legend");
    double y = bottom + AXIS_BOTTOM + 10;
    for (List<Object> row : rows) {
      double x = LEFT;
      for (Object e : row) {
        if (e instanceof Band b) {
          w.empty("rect", "x", x, "y", y - 9, "width", 24, "height", 10, "fill", b.colour(), "fill-opacity", "0.18");
        } else if (e instanceof Line l) {
          w.empty("line", "x1", x, "y1", y - 4, "x2", x + 24, "y2", y - 4, "stroke", l.colour(), "stroke-width",
              l.width(), "stroke-dasharray", l.dash().pattern());
        } else if (e instanceof Reference r) {
          w.empty("line", "x1", x, "y1", y - 4, "x2", x + 24, "y2", y - 4, "stroke", r.colour(),
              "stroke-dasharray", "3 3");
        }
        String text = label(e);
        w.text("text", text, "x", x + 30, "y", y);
        x += 30 + CHAR * text.length() + 16;
      }
      y += LEGEND_ROW;
    }
    w.end();
  }

  /** Builds a {@link Chart}. Not thread-safe. */
  public static final class Builder {
    private final String title;
    private String xLabel = "epoch";
    private String yLabel = "";
    private double width = 660;
    private double height = 260;
    private Scale xScale;
    private Scale yScale;
    private Boolean logY;
    private boolean integerX = true;
    private String note;
    private final List<Band> bands = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /** The x axis label (default {@code epoch}). */
    public Builder xLabel(String label) {
      this.xLabel = label;
      return this;
    }

    /** The y axis label. */
    public Builder yLabel(String label) {
      this.yLabel = label;
      return this;
    }

    /** The size in pixels of the plot with its axes and title (default 660 by 300); the legend adds rows below. */
    public Builder size(double width, double height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** A fixed x scale instead of one fitted to the data. */
    public Builder xScale(Scale scale) {
      this.xScale = scale;
      return this;
    }

    /** A fixed y scale instead of one fitted to the data. */
    public Builder yScale(Scale scale) {
      this.yScale = scale;
      return this;
    }

    /** Forces a log ({@code true}) or linear ({@code false}) y axis instead of choosing by the span. */
    public Builder logY(boolean log) {
      this.logY = log;
      return this;
    }

    /** Whether x ticks are whole numbers (default true: epochs). */
    public Builder integerX(boolean integer) {
      this.integerX = integer;
      return this;
    }

    /** A short note at the top right, e.g. how a smoothed line was smoothed. */
    public Builder note(String note) {
      this.note = note;
      return this;
    }

    public Builder line(Line line) {
      lines.add(line);
      return this;
    }

    /** A line with a dot and hover title per point. */
    public Builder line(String label, double[] xs, double[] ys, String colour, Dash dash) {
      return line(new Line(label, xs, ys, colour, dash, 2, true));
    }

    public Builder band(Band band) {
      bands.add(band);
      return this;
    }

    public Builder reference(String label, double y, String colour) {
      references.add(new Reference(label, y, colour));
      return this;
    }

    public Builder marker(String label, double x, String colour, Dash dash) {
      markers.add(new Marker(label, x, colour, dash));
      return this;
    }

    /** The chart. */
    public Chart build() {
      return new Chart(this);
    }
  }
}
