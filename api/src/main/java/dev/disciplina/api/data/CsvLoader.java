package dev.disciplina.api.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a {@link Dataset} from delimited text: one example per line, numeric features, and one
 * label column.
 *
 * <p><b>Header.</b> {@link Header#AUTO} (the default) takes the first line for a header when,
 * in this order: a feature field is not a number; a field is named like a label ({@link
 * #LABEL_NAMES}); the label field is not a number but the next line's is; or the label field is
 * not a number and the feature fields count 0, 1, 2, ... or 1, 2, 3, ... (the integer column
 * names pandas writes).
 *
 * <p><b>Label column.</b> Given by name or by index (from 0; negative counts from the end); by
 * default the first header field named {@code label}, {@code target}, {@code class} or {@code y}
 * (ignoring case, in that order of preference), else the last column. {@link Loaded} says which
 * column was used and why.
 *
 * <p><b>Classes or values.</b> As {@link Builder#targets(Targets)} says; by default ({@link
 * Targets#AUTO}) labels that are not all numbers, or are whole numbers with at most {@value
 * #MAX_AUTO_CLASSES} distinct values, are classes. One label that is not a whole number among
 * such classes is an error naming its line rather than a silent switch to regression. Classes
 * are numbered in sorted order of their labels (numerically when the labels are numbers, so
 * labels {@code 0..k-1} keep their values); a single class is an error.
 *
 * <p>Gzip-compressed input is recognised by its magic bytes, whatever the file name. Values are
 * streamed into float arrays as they are read (about 4 bytes per feature and 8 per row besides).
 * Every format error is a {@link MalformedDataException} naming the file and line. Immutable and
 * thread-safe.
 */
public final class CsvLoader {

  /** The most distinct whole-number labels that {@link Targets#AUTO} still reads as classes. */
  public static final int MAX_AUTO_CLASSES = 100;

  /** The most distinct class labels a file may have. */
  public static final int MAX_CLASSES = 1 << 16;

  /** Header names taken for the label column by default, in order of preference. */
  public static final List<String> LABEL_NAMES = List.of("label", "target", "class", "y");

  /** Whether labels are classes or real targets. */
  public enum Targets {
    /** Class labels, numbered in sorted order. */
    CLASSES,
    /** Real-valued targets (regression). */
    VALUES,
    /** Classes when the labels are not all numbers or are few whole numbers; values otherwise. */
    AUTO
  }

  /** Whether the first line is a header. */
  public enum Header {
    YES,
    NO,
    /** Decided from the first two lines, as the class documentation says. */
    AUTO
  }

  /**
   * A dataset and how its file was read.
   *
   * @param dataset the examples
   * @param header whether the first line was a header
   * @param labelColumn the label column, from 0
   * @param labelColumnName its header name, or {@code "column N"} (from 1) without a header
   * @param labelChoice why that column: {@code "as asked"}, {@code "named like a label"} or
   *     {@code "the last column"}
   * @param columns the number of columns
   */
  public record Loaded(Dataset dataset, boolean header, int labelColumn, String labelColumnName,
      String labelChoice, int columns) {

    /** One line for people: {@code label column 1 of 785, 'label' (named like a label)}. */
    public String describe() {
      return "label column " + (labelColumn + 1) + " of " + columns + ", '" + labelColumnName
          + "' (" + labelChoice + "); " + (header ? "first line is a header" : "no header");
    }
  }

  private final Header header;
  private final int labelIndex;
  private final String labelName;
  private final boolean labelGiven;
  private final char delimiter;
  private final Targets targets;

  private CsvLoader(Builder b) {
    this.header = b.header;
    this.labelIndex = b.labelIndex;
    this.labelName = b.labelName;
    this.labelGiven = b.labelGiven;
    this.delimiter = b.delimiter;
    this.targets = b.targets;
    if (labelName != null && header == Header.NO) {
      throw new IllegalArgumentException(
          "a label column named '" + labelName + "' needs a header line");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: header detected, label column detected, comma-separated, targets AUTO. */
  public static CsvLoader defaults() {
    return builder().build();
  }

  /** Reads {@code file}, decompressing it when it is gzip-compressed. */
  public Dataset load(Path file) throws IOException {
    return loadWithLayout(file).dataset();
  }

  /** Reads {@code file} and says which column held the labels. */
  public Loaded loadWithLayout(Path file) throws IOException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String base = name.replaceFirst("(?i)\\.gz$", "").replaceFirst("(?i)\\.(csv|tsv|txt)$", "");
    String source = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      InputStream in = raw;
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      try {
        if (gzip) {
          in = new GZIPInputStream(raw, 1 << 16);
        }
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        return readWithLayout(r, source, base);
      } catch (ZipException | EOFException e) {
        if (!gzip) {
          throw e;
        }
        throw MalformedDataException.inFile(source, "corrupt gzip data ("
            + (e.getMessage() == null ? "truncated" : e.getMessage()) + ")");
      }
    }
  }

  /** Reads from {@code reader}; {@code source} names it in errors, {@code name} the dataset. */
  public Dataset read(Reader reader, String source, String name) throws IOException {
    return readWithLayout(reader, source, name).dataset();
  }

  /** Reads from {@code reader} and says which column held the labels. */
  public Loaded readWithLayout(Reader reader, String source, String name) throws IOException {
    CsvLines lines = new CsvLines(new BufferedReader(reader, 1 << 16), source, delimiter);
    List<String> first = lines.next();
    if (first == null) {
      throw MalformedDataException.inFile(source, "is empty");
    }
    long firstLine = lines.lineNumber();
    int columns = first.size();
    if (columns < 2) {
      throw lines.error("expected at least 2 columns (features and a label), found " + columns
          + (delimiter == ',' ? "; is the file delimited by something other than commas?" : ""));
    }
    List<String> second = lines.next();
    int candidate = candidateLabelColumn(first, lines, firstLine);
    boolean hasHeader = switch (header) {
      case YES -> true;
      case NO -> false;
      case AUTO -> labelName != null || looksLikeHeader(first, second, candidate);
    };
    int label = candidate;
    String choice = labelGiven ? "as asked" : "the last column";
    if (hasHeader && !labelGiven) {
      int named = namedLikeLabel(first);
      if (named >= 0) {
        label = named;
        choice = "named like a label";
      }
    }
    String labelColumnName = hasHeader ? first.get(label) : "column " + (label + 1);
    Columns data = new Columns(columns - 1, lines, targets, label, labelColumnName);
    long headerOrFirst = firstLine;
    if (!hasHeader) {
      data.add(first, firstLine, hasHeader, first, headerOrFirst);
    } else if (second == null) {
      throw MalformedDataException.inFile(source, "has a header but no examples");
    }
    for (List<String> row = second; row != null; row = lines.next()) {
      data.add(row, lines.lineNumber(), hasHeader, first, headerOrFirst);
    }
    return new Loaded(data.build(name), hasHeader, label, labelColumnName, choice, columns);
  }

  /** The label column as given, or where a default label would be before the header is known. */
  private int candidateLabelColumn(List<String> first, CsvLines lines, long firstLine) {
    int columns = first.size();
    if (labelName != null) {
      int at = first.indexOf(labelName);
      for (int c = 0; at < 0 && c < columns; c++) {
        if (first.get(c).equalsIgnoreCase(labelName)) {
          at = c;
        }
      }
      if (at < 0) {
        throw MalformedDataException.atLine(lines.source(), firstLine, "no column named '"
            + labelName + "' in the header " + first);
      }
      return at;
    }
    int at = labelIndex < 0 ? columns + labelIndex : labelIndex;
    if (at < 0 || at >= columns) {
      throw MalformedDataException.atLine(lines.source(), firstLine, "label column "
          + labelIndex + " is outside the " + columns + " columns of the file");
    }
    if (!labelGiven && header != Header.NO) {
      int named = namedLikeLabel(first);
      if (named >= 0) {
        return named;
      }
    }
    return at;
  }

  private static int namedLikeLabel(List<String> fields) {
    for (String name : LABEL_NAMES) {
      for (int c = 0; c < fields.size(); c++) {
        if (fields.get(c).equalsIgnoreCase(name)) {
          return c;
        }
      }
    }
    return -1;
  }

  /** The rules of {@link Header#AUTO}, in the order the class documentation lists them. */
  private static boolean looksLikeHeader(List<String> first, List<String> second, int label) {
    for (int c = 0; c < first.size(); c++) {
      if (c != label && !CsvLines.isNumber(first.get(c))) {
        return true;
      }
    }
    if (namedLikeLabel(first) >= 0) {
      return true;
    }
    if (CsvLines.isNumber(first.get(label))) {
      return false;
    }
    if (second != null && label < second.size() && CsvLines.isNumber(second.get(label))) {
      return true;
    }
    return countsColumns(first, label, 0) || countsColumns(first, label, 1);
  }

  private static boolean countsColumns(List<String> fields, int label, int from) {
    int expected = from;
    for (int c = 0; c < fields.size(); c++) {
      if (c == label) {
        continue;
      }
      if (!fields.get(c).equals(Integer.toString(expected))) {
        return false;
      }
      expected++;
    }
    return true;
  }

  /**
   * The columns as they stream in: features into float blocks, each label as a number (NaN when
   * it is not one) and as the index of its distinct text while there are few distinct texts.
   */
  private static final class Columns {
    private final int features;
    private final CsvLines lines;
    private final Targets targets;
    private final int labelColumn;
    private final String labelName;
    private final FloatBlocks x = new FloatBlocks();
    private final FloatBlocks labelValues = new FloatBlocks();
    private int[] labelIds = new int[1024];
    private final Map<String, Integer> distinctText = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final TreeSet<Float> distinctWhole = new TreeSet<>();
    private boolean tooManyTexts;
    private long firstTextLine = -1;
    private String firstText;
    private long firstFractionLine = -1;
    private String firstFraction;
    private long fractions;
    private int n;

    Columns(int features, CsvLines lines, Targets targets, int labelColumn, String labelName) {
      this.features = features;
      this.lines = lines;
      this.targets = targets;
      this.labelColumn = labelColumn;
      this.labelName = labelName;
    }

    void add(List<String> row, long line, boolean hasHeader, List<String> first, long firstLine) {
      int columns = features + 1;
      if (row.size() != columns) {
        throw MalformedDataException.atLine(lines.source(), line, "expected " + columns
            + " fields" + (hasHeader ? " (as in the header)" : " (as in line " + firstLine + ")")
            + ", found " + row.size());
      }
      if ((long) (n + 1) * features > Integer.MAX_VALUE - 8) {
        throw MalformedDataException.atLine(lines.source(), line, "too many values for one "
            + "dataset (more than " + (Integer.MAX_VALUE - 8) + ")");
      }
      int j = 0;
      for (int c = 0; c < columns; c++) {
        if (c == labelColumn) {
          continue;
        }
        String field = row.get(c);
        x.add(CsvLines.number(field, lines.source(), line, c,
            hasHeader ? "'" + first.get(c) + "'" : "feature " + (j + 1)));
        j++;
      }
      addLabel(row.get(labelColumn), line);
      n++;
    }

    private void addLabel(String l, long line) {
      if (l.isEmpty()) {
        throw MalformedDataException.atLine(lines.source(), line, "missing label in column "
            + (labelColumn + 1) + " ('" + labelName + "')");
      }
      float v = CsvLines.finiteNumber(l);
      if (Float.isNaN(v)) {
        if (targets == Targets.VALUES) {
          throw MalformedDataException.atLine(lines.source(), line, "column "
              + (labelColumn + 1) + " (target '" + labelName + "'): '" + l
              + "' is not a finite number");
        }
        if (firstTextLine < 0) {
          firstTextLine = line;
          firstText = l;
        }
      } else if (v == Math.rint(v)) {
        if (distinctWhole.size() <= MAX_CLASSES) {
          distinctWhole.add(v);
        }
      } else {
        fractions++;
        if (firstFractionLine < 0) {
          firstFractionLine = line;
          firstFraction = l;
        }
      }
      labelValues.add(v);
      if (!tooManyTexts) {
        Integer id = distinctText.get(l);
        if (id == null) {
          if (texts.size() >= MAX_CLASSES) {
            tooManyTexts = true;
            labelIds = null;
            distinctText.clear();
            texts.clear();
          } else {
            id = texts.size();
            distinctText.put(l, id);
            texts.add(l);
          }
        }
        if (!tooManyTexts) {
          if (n == labelIds.length) {
            labelIds = Arrays.copyOf(labelIds, labelIds.length * 2);
          }
          labelIds[n] = id;
        }
      }
      if (tooManyTexts && firstTextLine >= 0) {
        throw MalformedDataException.atLine(lines.source(), line, "column "
            + (labelColumn + 1) + " ('" + labelName + "') has more than " + MAX_CLASSES
            + " distinct labels, not all numbers: too many classes");
      }
    }

    Dataset build(String name) {
      float[] features = x.toArray();
      boolean allNumbers = firstTextLine < 0;
      Targets kind = targets;
      if (kind == Targets.AUTO) {
        if (!allNumbers) {
          kind = Targets.CLASSES;
        } else if (distinctWhole.size() > MAX_AUTO_CLASSES) {
          kind = Targets.VALUES;
        } else if (fractions == 0) {
          kind = Targets.CLASSES;
        } else if (distinctWhole.size() >= 2 && fractions <= Math.max(1, n / 100)) {
          throw fractionInClasses("its other labels are " + distinctWhole.size()
              + " whole numbers, classes");
        } else {
          kind = Targets.VALUES;
        }
      }
      if (kind == Targets.VALUES) {
        return Dataset.adoptRegression(name, features, this.features, labelValues.toArray());
      }
      if (allNumbers && fractions > 0) {
        throw fractionInClasses("the labels are read as classes");
      }
      if (tooManyTexts) {
        throw MalformedDataException.inFile(lines.source(), "column " + (labelColumn + 1)
            + " ('" + labelName + "') has more than " + MAX_CLASSES + " distinct labels: too "
            + "many classes (for real-valued targets ask for regression: --task regression)");
      }
      int[] y = new int[n];
      List<String> classNames = new ArrayList<>();
      if (allNumbers) {
        float[] values = labelValues.toArray();
        float[] sorted = new float[distinctWhole.size()];
        int k = 0;
        for (float v : distinctWhole) {
          sorted[k++] = v;
        }
        // Numeric labels equal as numbers are one class ("1" and "1.0"), named by their first text.
        String[] names = new String[sorted.length];
        for (int i = 0; i < n; i++) {
          y[i] = Arrays.binarySearch(sorted, values[i]);
          if (names[y[i]] == null) {
            names[y[i]] = texts.get(labelIds[i]);
          }
        }
        classNames.addAll(Arrays.asList(names));
      } else {
        String[] sorted = texts.toArray(new String[0]);
        Arrays.sort(sorted);
        Map<String, Integer> rank = new HashMap<>();
        for (int c = 0; c < sorted.length; c++) {
          rank.put(sorted[c], c);
        }
        int[] classOfId = new int[texts.size()];
        for (int id = 0; id < classOfId.length; id++) {
          classOfId[id] = rank.get(texts.get(id));
        }
        for (int i = 0; i < n; i++) {
          y[i] = classOfId[labelIds[i]];
        }
        classNames.addAll(Arrays.asList(sorted));
      }
      if (classNames.size() < 2) {
        throw MalformedDataException.inFile(lines.source(), "column " + (labelColumn + 1) + " ('"
            + labelName + "') holds 1 class ('" + classNames.get(0) + "') in all " + n
            + (n == 1 ? " row" : " rows") + ": a classifier needs at least 2 (is the label "
            + "column the right one? choose it with --label)");
      }
      return Dataset.adoptClassification(name, features, this.features, y, classNames);
    }

    private MalformedDataException fractionInClasses(String why) {
      return MalformedDataException.atLine(lines.source(), firstFractionLine, "label '"
          + firstFraction + "' in column " + (labelColumn + 1) + " ('" + labelName
          + "') is not a whole number, but " + why + (fractions > 1 ? " (" + fractions
          + " such labels)" : "") + "; for real-valued targets ask for regression "
          + "(--task regression)");
    }
  }

  /** Settings for a {@link CsvLoader}. */
  public static final class Builder {
    private Header header = Header.AUTO;
    private int labelIndex = -1;
    private String labelName;
    private boolean labelGiven;
    private char delimiter = ',';
    private Targets targets = Targets.AUTO;

    private Builder() {}

    /** Whether the first line is a header; without this call it is detected. */
    public Builder header(boolean header) {
      this.header = header ? Header.YES : Header.NO;
      return this;
    }

    /** Whether the first line is a header, or {@link Header#AUTO} to detect it. */
    public Builder header(Header header) {
      this.header = Objects.requireNonNull(header, "header");
      return this;
    }

    /** The label column by index, from 0; negative counts from the end (-1 is the last). */
    public Builder labelColumn(int index) {
      this.labelIndex = index;
      this.labelName = null;
      this.labelGiven = true;
      return this;
    }

    /** The label column by its name in the header (exact, else ignoring case). */
    public Builder labelColumn(String name) {
      this.labelName = Objects.requireNonNull(name, "name");
      this.labelGiven = true;
      return this;
    }

    /**
     * The label column as a command line gives it: an integer is an index from 0 (negative
     * from the end), anything else a header name.
     */
    public Builder label(String nameOrIndex) {
      String t = nameOrIndex.trim();
      if (t.matches("[+-]?\\d{1,9}")) {
        return labelColumn(Integer.parseInt(t));
      }
      return labelColumn(t);
    }

    public Builder delimiter(char delimiter) {
      if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
        throw new IllegalArgumentException("invalid delimiter '" + delimiter + "'");
      }
      this.delimiter = delimiter;
      return this;
    }

    public Builder targets(Targets targets) {
      this.targets = Objects.requireNonNull(targets, "targets");
      return this;
    }

    public CsvLoader build() {
      return new CsvLoader(this);
    }
  }

  /** Grows without copying: floats in blocks of a million, joined once at the end. */
  private static final class FloatBlocks {
    private static final int BLOCK = 1 << 20;
    private final List<float[]> full = new ArrayList<>();
    private float[] current = new float[1024];
    private int used;

    void add(float v) {
      if (used == current.length) {
        if (current.length < BLOCK) {
          current = Arrays.copyOf(current, current.length * 4);
        } else {
          full.add(current);
          current = new float[BLOCK];
          used = 0;
        }
      }
      current[used++] = v;
    }

    float[] toArray() {
      long size = (long) full.size() * BLOCK + used;
      float[] all = new float[Math.toIntExact(size)];
      int at = 0;
      for (float[] block : full) {
        System.arraycopy(block, 0, all, at, block.length);
        at += block.length;
      }
      System.arraycopy(current, 0, all, at, used);
      full.clear();
      current = new float[0];
      used = 0;
      return all;
    }
  }

}
