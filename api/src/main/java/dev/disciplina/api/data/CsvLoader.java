package dev.disciplina.api.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@link Dataset} from delimited text: one example per line, numeric features, and one
 * label column.
 *
 * <p>The first line is a header when {@link Builder#header(boolean)} says so; by default it is
 * taken for one when any of its feature fields is not a number. The label column is given by
 * index (negative counts from the end; the default is the last column) or, with a header, by
 * name. Labels become classes or real targets as {@link Builder#targets(Targets)} says; by
 * default ({@link Targets#AUTO}) labels that are not all numbers, or are whole numbers with at
 * most {@value #MAX_AUTO_CLASSES} distinct values, are classes. Classes are numbered in sorted
 * order of their labels (numerically when the labels are numbers), so labels {@code 0..k-1} keep
 * their values.
 *
 * <p>Files ending in {@code .gz} are decompressed. Every format error names the file and line.
 * Immutable and thread-safe.
 */
public final class CsvLoader {

  /** The most distinct whole-number labels that {@link Targets#AUTO} still reads as classes. */
  public static final int MAX_AUTO_CLASSES = 100;

  /** Whether labels are classes or real targets. */
  public enum Targets {
    /** Class labels, numbered in sorted order. */
    CLASSES,
    /** Real-valued targets (regression). */
    VALUES,
    /** Classes when the labels are not all numbers or are few whole numbers; values otherwise. */
    AUTO
  }

  private final Boolean header;
  private final int labelIndex;
  private final String labelName;
  private final char delimiter;
  private final Targets targets;

  private CsvLoader(Builder b) {
    this.header = b.header;
    this.labelIndex = b.labelIndex;
    this.labelName = b.labelName;
    this.delimiter = b.delimiter;
    this.targets = b.targets;
    if (labelName != null && Boolean.FALSE.equals(header)) {
      throw new IllegalArgumentException(
          "a label column named '" + labelName + "' needs a header line");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: header detected, label in the last column, comma-separated, targets AUTO. */
  public static CsvLoader defaults() {
    return builder().build();
  }

  /** Reads {@code file}, decompressing it when its name ends in {@code .gz}. */
  public Dataset load(Path file) throws IOException {
    String name = file.getFileName().toString();
    String base = name.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.(csv|tsv|txt)$", "");
    InputStream in = Files.newInputStream(file);
    try {
      if (name.toLowerCase().endsWith(".gz")) {
        try {
          in = new GZIPInputStream(in);
        } catch (java.util.zip.ZipException e) {
          throw MalformedDataException.inFile(file.toString(),
              "its name ends in .gz but it is not gzip-compressed (" + e.getMessage() + ")");
        }
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return read(r, file.toString(), base);
      }
    } finally {
      in.close();
    }
  }

  /** Reads from {@code reader}; {@code source} names it in errors, {@code name} the dataset. */
  public Dataset read(Reader reader, String source, String name) throws IOException {
    CsvLines lines = new CsvLines(new BufferedReader(reader), source, delimiter);
    List<String> first = lines.next();
    if (first == null) {
      throw MalformedDataException.inFile(source, "is empty");
    }
    int columns = first.size();
    if (columns < 2) {
      throw lines.error("expected at least 2 columns (features and a label), found " + columns
          + (delimiter == ',' ? "; is the file delimited by something other than commas?" : ""));
    }
    int label = resolveLabelColumn(first, lines);
    boolean hasHeader = header != null ? header : looksLikeHeader(first, label);
    List<String> firstRow = hasHeader ? lines.next() : first;
    long firstRowLine = lines.lineNumber();
    if (firstRow == null) {
      throw MalformedDataException.inFile(source, "has a header but no examples");
    }
    int d = columns - 1;
    float[] features = new float[Math.max(16, d * 64)];
    List<String> labels = new ArrayList<>();
    List<Long> labelLines = new ArrayList<>();
    int n = 0;
    for (List<String> row = firstRow; row != null; row = lines.next()) {
      if (row.size() != columns) {
        throw lines.error("expected " + columns + " fields"
            + (hasHeader ? " (as in the header)" : " (as in line " + firstRowLine + ")")
            + ", found " + row.size());
      }
      if ((long) (n + 1) * d > Integer.MAX_VALUE - 8) {
        throw lines.error("too many values for one dataset");
      }
      if ((n + 1) * d > features.length) {
        features = java.util.Arrays.copyOf(features, Math.max((n + 1) * d, features.length * 2));
      }
      int j = 0;
      for (int c = 0; c < columns; c++) {
        if (c == label) {
          continue;
        }
        String what = hasHeader ? "'" + first.get(c) + "'" : "feature " + (j + 1);
        features[n * d + j] = lines.number(row.get(c), c, what);
        j++;
      }
      String l = row.get(label);
      if (l.isEmpty()) {
        throw lines.error("missing label in column " + (label + 1));
      }
      labels.add(l);
      labelLines.add(lines.lineNumber());
      n++;
    }
    float[] x = java.util.Arrays.copyOf(features, n * d);
    return build(name, x, d, labels, labelLines, lines, label);
  }

  private Dataset build(String name, float[] x, int d, List<String> labels, List<Long> lineOf,
      CsvLines lines, int labelColumn) {
    boolean allNumbers = true;
    boolean allWhole = true;
    for (String l : labels) {
      if (!CsvLines.isNumber(l)) {
        allNumbers = false;
        allWhole = false;
        break;
      }
      double v = Double.parseDouble(l);
      if (v != Math.rint(v) || !Double.isFinite(v)) {
        allWhole = false;
      }
    }
    Targets kind = targets;
    if (kind == Targets.AUTO) {
      boolean few = allWhole && labels.stream().distinct().limit(MAX_AUTO_CLASSES + 1L).count()
          <= MAX_AUTO_CLASSES;
      kind = !allNumbers || few ? Targets.CLASSES : Targets.VALUES;
    }
    if (kind == Targets.VALUES) {
      float[] t = new float[labels.size()];
      for (int i = 0; i < t.length; i++) {
        String l = labels.get(i);
        if (!CsvLines.isNumber(l) || !Float.isFinite(Float.parseFloat(l))) {
          throw MalformedDataException.atLine(lines.source(), lineOf.get(i), "column "
              + (labelColumn + 1) + " (target): '" + l + "' is not a finite number");
        }
        t[i] = Float.parseFloat(l);
      }
      return Dataset.regression(name, x, d, t, 1);
    }
    Comparator<String> order = allNumbers
        ? Comparator.comparingDouble(Double::parseDouble)
        : Comparator.naturalOrder();
    TreeSet<String> distinct = new TreeSet<>(order);
    distinct.addAll(labels);
    List<String> classNames = new ArrayList<>(distinct);
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classNames.size(); c++) {
      index.put(classNames.get(c), c);
    }
    int[] y = new int[labels.size()];
    for (int i = 0; i < y.length; i++) {
      // Numeric labels equal as numbers map to one class ("1" and "1.0").
      y[i] = index.get(distinct.floor(labels.get(i)));
    }
    return Dataset.classification(name, x, d, y, classNames);
  }

  private int resolveLabelColumn(List<String> first, CsvLines lines) {
    int columns = first.size();
    if (labelName != null) {
      int at = first.indexOf(labelName);
      if (at < 0) {
        throw lines.error("no column named '" + labelName + "' in the header " + first);
      }
      return at;
    }
    int at = labelIndex < 0 ? columns + labelIndex : labelIndex;
    if (at < 0 || at >= columns) {
      throw lines.error("label column " + labelIndex + " is outside the " + columns
          + " columns of the file");
    }
    return at;
  }

  private static boolean looksLikeHeader(List<String> first, int label) {
    for (int c = 0; c < first.size(); c++) {
      if (c != label && !CsvLines.isNumber(first.get(c))) {
        return true;
      }
    }
    return false;
  }

  /** Settings for a {@link CsvLoader}. */
  public static final class Builder {
    private Boolean header;
    private int labelIndex = -1;
    private String labelName;
    private char delimiter = ',';
    private Targets targets = Targets.AUTO;

    private Builder() {}

    /** Whether the first line is a header; without this call it is detected. */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** The label column by index, from 0; negative counts from the end (-1 is the last). */
    public Builder labelColumn(int index) {
      this.labelIndex = index;
      this.labelName = null;
      return this;
    }

    /** The label column by its name in the header. */
    public Builder labelColumn(String name) {
      this.labelName = java.util.Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder delimiter(char delimiter) {
      if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
        throw new IllegalArgumentException("invalid delimiter '" + delimiter + "'");
      }
      this.delimiter = delimiter;
      return this;
    }

    public Builder targets(Targets targets) {
      this.targets = java.util.Objects.requireNonNull(targets, "targets");
      return this;
    }

    public CsvLoader build() {
      return new CsvLoader(this);
    }
  }
}
