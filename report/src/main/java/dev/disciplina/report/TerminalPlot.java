package dev.disciplina.report;

import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.report.chart.Scale;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Curves drawn as text for a terminal: a plot area of characters with a y axis of round tick
 * values (log scale when the values span more than a decade, or when asked), an x axis with
 * ticks, and a legend. Each series has its own glyph, so the plot reads without colour; where
 * series overlap, the one added first is drawn on top. {@link Glyphs#UNICODE} uses box-drawing axes and
 * Unicode glyphs, {@link Glyphs#ASCII} plain ASCII for terminals that are not UTF-8 ({@link
 * Glyphs#forStandardOutput()} chooses).
 *
 * <p>{@link #losses} draws a run's loss curves; the builder draws anything else (the
 * learning-rate finder's loss against a log-scale learning rate, several runs overlaid).
 * Non-finite values, and non-positive ones on a log scale, are not drawn. Immutable; {@link
 * #render()} is deterministic.
 */
public final class TerminalPlot {

  /** The characters a plot is drawn with. */
  public enum Glyphs {
    /** Box-drawing axes and Unicode series glyphs. */
    UNICODE(new char[] {'•', '×', '+', '○', '▪', '◆'}, '│', '┤', '─', '┬', '└'),
    /** Seven-bit ASCII only. */
    ASCII(new char[] {'*', 'x', '+', 'o', '#', '@'}, '|', '+', '-', '+', '+');

    private final char[] series;
    private final char axis;
    private final char yTick;
    private final char rule;
    private final char xTick;
    private final char corner;

    Glyphs(char[] series, char axis, char yTick, char rule, char xTick, char corner) {
      this.series = series;
      this.axis = axis;
      this.yTick = yTick;
      this.rule = rule;
      this.xTick = xTick;
      this.corner = corner;
    }

    /** The glyph of series {@code i} (from 0), cycling. */
    public char series(int i) {
      return series[Math.floorMod(i, series.length)];
    }

    /** {@link #UNICODE} when {@code charset} is UTF-8 (or UTF-16/32), {@link #ASCII} otherwise. */
    public static Glyphs forCharset(Charset charset) {
      return charset.name().toUpperCase(java.util.Locale.ROOT).startsWith("UTF") ? UNICODE : ASCII;
    }

    /**
     * The glyphs the standard output can show: by its encoding ({@code stdout.encoding}, set from
     * the locale on Java 18 and later; the default charset on Java 17).
     */
    public static Glyphs forStandardOutput() {
      String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
      Charset cs = Charset.defaultCharset();
      if (name != null) {
        try {
          cs = Charset.forName(name);
        } catch (UnsupportedCharsetException | java.nio.charset.IllegalCharsetNameException e) {
          cs = StandardCharsets.US_ASCII;
        }
      }
      return forCharset(cs);
    }
  }

  /** One named series of points. */
  private record Series(String name, double[] xs, double[] ys) {}

  private final String title;
  private final String xLabel;
  private final int width;
  private final int height;
  private final Glyphs glyphs;
  private final boolean logX;
  private final Boolean logY;
  private final List<Series> series;

  private TerminalPlot(Builder b) {
    this.title = b.title;
    this.xLabel = b.xLabel;
    this.width = b.width;
    this.height = b.height;
    this.glyphs = b.glyphs;
    this.logX = b.logX;
    this.logY = b.logY;
    this.series = List.copyOf(b.series);
  }

  /** A builder: 60 by 14 characters, {@link Glyphs#forStandardOutput()}, x label {@code epoch}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The loss curves of a run: running training loss, eval-mode training loss (when measured) and
   * validation loss against the epoch.
   */
  public static TerminalPlot losses(LearningCurves curves, Glyphs glyphs) {
    double[] x = curves.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
    Builder b = builder().glyphs(glyphs).title("loss")
        .series("training loss", x, values(curves.trainLoss()));
    if (!curves.trainEvalLoss().isEmpty()) {
      b.series("training loss (eval mode)", x, values(curves.trainEvalLoss()));
    }
    return b.series("validation loss", x, values(curves.valLoss())).build();
  }

  private static double[] values(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The plot, lines separated by {@code \n}, ending with one. */
  public String render() {
    Scale xs = logX ? Scale.log(min(true, true), max(true)) : Scale.linear(min(true, false), max(true), 6,
        !logX && allWhole());
    Scale ys;
    if (logY == null) {
      ys = Scale.forValues(allY(), Math.max(3, height / 3));
    } else if (logY) {
      ys = Scale.log(min(false, true), max(false));
    } else {
      ys = Scale.linear(min(false, false), max(false), Math.max(3, height / 3), false);
    }
    char[][] grid = new char[height][width];
    for (char[] row : grid) {
      Arrays.fill(row, ' ');
    }
    for (int s = series.size() - 1; s >= 0; s--) {
      draw(grid, series.get(s), xs, ys, glyphs.series(s));
    }
    String[] yLabels = new String[height];
    for (double t : ys.ticks()) {
      int r = row(ys, t);
      if (r >= 0 && r < height && yLabels[r] == null) {
        yLabels[r] = ys.label(t);
      }
    }
    int labelWidth = 1;
    for (String l : yLabels) {
      labelWidth = Math.max(labelWidth, l == null ? 0 : l.length());
    }
    StringBuilder out = new StringBuilder();
    if (title != null) {
      out.append(" ".repeat(labelWidth + 1)).append(title).append(ys.isLog() ? " (log scale)" : "").append('\n');
    }
    for (int r = 0; r < height; r++) {
      String l = yLabels[r] == null ? "" : yLabels[r];
      out.append(" ".repeat(labelWidth - l.length())).append(l).append(yLabels[r] == null ? glyphs.axis : glyphs.yTick)
          .append(stripEnd(new String(grid[r]))).append('\n');
    }
    char[] axis = new char[width];
    Arrays.fill(axis, glyphs.rule);
    char[] labels = new char[width + 12];
    Arrays.fill(labels, ' ');
    int lastEnd = -1;
    for (double t : xs.ticks()) {
      int c = column(xs, t);
      if (c < 0 || c >= width) {
        continue;
      }
      axis[c] = glyphs.xTick;
      String l = xs.label(t);
      int start = Math.max(0, c - l.length() / 2);
      if (start > lastEnd && start + l.length() <= labels.length) {
        l.getChars(0, l.length(), labels, start);
        lastEnd = start + l.length();
      }
    }
    out.append(" ".repeat(labelWidth)).append(glyphs.corner).append(axis).append('\n');
    out.append(" ".repeat(labelWidth + 1)).append(stripEnd(new String(labels))).append('\n');
    int pad = Math.max(0, labelWidth + 1 + (width - xLabel.length()) / 2);
    out.append(" ".repeat(pad)).append(xLabel).append('\n');
    StringBuilder legend = new StringBuilder(" ".repeat(labelWidth + 1));
    for (int s = 0; s < series.size(); s++) {
      if (s > 0) {
        legend.append("   ");
      }
      legend.append(glyphs.series(s)).append(' ').append(series.get(s).name());
    }
    out.append(legend).append('\n');
    String text = out.toString();
    return glyphs == Glyphs.ASCII ? ascii(text) : text;
  }

  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 128 ? c : '?');
    }
    return b.toString();
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  private int column(Scale xs, double x) {
    return (int) Math.round(xs.fraction(x) * (width - 1));
  }

  private int row(Scale ys, double y) {
    return (int) Math.round((1 - ys.fraction(y)) * (height - 1));
  }

  private void draw(char[][] grid, Series s, Scale xs, Scale ys, char glyph) {
    double prevC = Double.NaN;
    double prevR = Double.NaN;
    for (int i = 0; i < s.xs().length; i++) {
      if (!xs.accepts(s.xs()[i]) || !ys.accepts(s.ys()[i])) {
        prevC = Double.NaN;
        continue;
      }
      double c = xs.fraction(s.xs()[i]) * (width - 1);
      double r = (1 - ys.fraction(s.ys()[i])) * (height - 1);
      if (Double.isNaN(prevC)) {
        set(grid, c, r, glyph);
      } else {
        int steps = (int) Math.ceil(2 * Math.max(Math.abs(c - prevC), Math.abs(r - prevR))) + 1;
        for (int k = 1; k <= steps; k++) {
          double f = (double) k / steps;
          set(grid, prevC + f * (c - prevC), prevR + f * (r - prevR), glyph);
        }
      }
      prevC = c;
      prevR = r;
    }
  }

  private void set(char[][] grid, double c, double r, char glyph) {
    int col = (int) Math.round(c);
    int row = (int) Math.round(r);
    if (row >= 0 && row < height && col >= 0 && col < width) {
      grid[row][col] = glyph;
    }
  }

  private boolean allWhole() {
    for (Series s : series) {
      for (double x : s.xs()) {
        if (Double.isFinite(x) && x != Math.rint(x)) {
          return false;
        }
      }
    }
    return true;
  }

  private double[] allY() {
    List<Double> v = new ArrayList<>();
    for (Series s : series) {
      for (double y : s.ys()) {
        v.add(y);
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double min(boolean x, boolean positive) {
    double m = Double.POSITIVE_INFINITY;
    for (Series s : series) {
      for (double v : x ? s.xs() : s.ys()) {
        if (Double.isFinite(v) && (!positive || v > 0)) {
          m = Math.min(m, v);
        }
      }
    }
    return Double.isFinite(m) ? m : positive ? 1 : 0;
  }

  private double max(boolean x) {
    double m = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : x ? s.xs() : s.ys()) {
        if (Double.isFinite(v)) {
          m = Math.max(m, v);
        }
      }
    }
    return Double.isFinite(m) ? m : 1;
  }

  /** Builds a {@link TerminalPlot}. Not thread-safe. */
  public static final class Builder {
    private String title;
    private String xLabel = "epoch";
    private int width = 60;
    private int height = 14;
    private Glyphs glyphs = Glyphs.forStandardOutput();
    private boolean logX;
    private Boolean logY;
    private final List<Series> series = new ArrayList<>();

    private Builder() {}

    /** A title above the plot. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** The x axis label (default {@code epoch}). */
    public Builder xLabel(String label) {
      this.xLabel = Objects.requireNonNull(label, "label");
      return this;
    }

    /** The plot area in characters (at least 10 by 4), axes and labels not included. */
    public Builder size(int width, int height) {
      if (width < 10 || height < 4) {
        throw new IllegalArgumentException("a terminal plot needs at least 10 by 4 characters, got " + width + " by "
            + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder glyphs(Glyphs glyphs) {
      this.glyphs = Objects.requireNonNull(glyphs, "glyphs");
      return this;
    }

    /** A log-scale x axis (e.g. a learning rate); the x values must be positive. */
    public Builder logX(boolean log) {
      this.logX = log;
      return this;
    }

    /** Forces a log or linear y axis instead of choosing by the span of the values. */
    public Builder logY(boolean log) {
      this.logY = log;
      return this;
    }

    /** Adds a series; {@code xs} and {@code ys} have one value per point. */
    public Builder series(String name, double[] xs, double[] ys) {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException("series " + name + " has " + xs.length + " x values but " + ys.length
            + " y values");
      }
      series.add(new Series(Objects.requireNonNull(name, "name"), xs.clone(), ys.clone()));
      return this;
    }

    /** The plot; at least one series is needed. */
    public TerminalPlot build() {
      if (series.isEmpty()) {
        throw new IllegalArgumentException("a terminal plot needs at least one series");
      }
      return new TerminalPlot(this);
    }
  }
}
