package dev.disciplina.api.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Four small real classification datasets shipped inside this jar, so examples and tests need no
 * download: {@link #digits()}, {@link #iris()}, {@link #wine()} and {@link #breastCancer()}.
 *
 * <p>They are UCI Machine Learning Repository datasets, published under CC BY 4.0; the file
 * {@code dev/disciplina/api/data/NOTICE.md} next to them credits their creators. Each call
 * parses the resource anew (a few milliseconds); the result is immutable.
 */
public final class EmbeddedDatasets {

  /** The names {@link #named(String)} accepts. */
  public static final List<String> NAMES = List.of("digits", "iris", "wine", "breast-cancer");

  private EmbeddedDatasets() {}

  /**
   * 1797 handwritten digits as 8x8 images of counts 0..16 (64 features), 10 classes. UCI
   * "Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak.
   */
  public static Dataset digits() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add(Integer.toString(c));
    }
    return plain("digits", "digits.csv.gz", 64, names);
  }

  /** 150 irises, 4 measurements, 3 species. UCI "Iris", R. A. Fisher. */
  public static Dataset iris() {
    return withCounts("iris", "iris.csv");
  }

  /** 178 wines, 13 chemical measurements, 3 cultivars. UCI "Wine", S. Aeberhard and M. Forina. */
  public static Dataset wine() {
    return withCounts("wine", "wine_data.csv");
  }

  /**
   * 569 breast masses, 30 features of cell nuclei, malignant or benign. UCI "Breast Cancer
   * Wisconsin (Diagnostic)", W. Wolberg, O. Mangasarian, N. Street and W. Street.
   */
  public static Dataset breastCancer() {
    return withCounts("breast-cancer", "breast_cancer.csv");
  }

  /**
   * The dataset called {@code name}: one of {@link #NAMES} (also accepted: {@code
   * breast_cancer}).
   *
   * @throws IllegalArgumentException for another name, listing the known ones
   */
  public static Dataset named(String name) {
    return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "digits" -> digits();
      case "iris" -> iris();
      case "wine" -> wine();
      case "breast-cancer" -> breastCancer();
      default -> throw new IllegalArgumentException(
          "unknown embedded dataset '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** No header, label last. */
  private static Dataset plain(String name, String resource, int d, List<String> classNames) {
    try (BufferedReader r = open(resource)) {
      CsvLines lines = new CsvLines(r, resource, ',');
      return rows(name, lines, lines.next(), d, classNames, -1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded dataset " + resource, e);
    }
  }

  /** A first line {@code ROWS,FEATURES,CLASS,...}, then rows with the label last. */
  private static Dataset withCounts(String name, String resource) {
    try (BufferedReader r = open(resource)) {
      CsvLines lines = new CsvLines(r, resource, ',');
      List<String> head = lines.next();
      if (head == null || head.size() < 3) {
        throw lines.error("expected a first line ROWS,FEATURES,CLASS_NAME,...");
      }
      int n = (int) lines.number(head.get(0), 0, "rows");
      int d = (int) lines.number(head.get(1), 1, "features");
      List<String> classNames = head.subList(2, head.size());
      return rows(name, lines, lines.next(), d, List.copyOf(classNames), n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded dataset " + resource, e);
    }
  }

  private static Dataset rows(String name, CsvLines lines, List<String> row, int d,
      List<String> classNames, int expectedRows) throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (; row != null; row = lines.next()) {
      if (row.size() != d + 1) {
        throw lines.error("expected " + (d + 1) + " fields, found " + row.size());
      }
      float[] x = new float[d];
      for (int j = 0; j < d; j++) {
        x[j] = lines.number(row.get(j), j, "feature " + (j + 1));
      }
      float label = lines.number(row.get(d), d, "label");
      if (label != Math.rint(label) || label < 0 || label >= classNames.size()) {
        throw lines.error("label " + row.get(d) + " is not one of the " + classNames.size()
            + " class indices");
      }
      xs.add(x);
      ys.add((int) label);
    }
    if (expectedRows >= 0 && xs.size() != expectedRows) {
      throw MalformedDataException.inFile(lines.source(), "announces " + expectedRows
          + " rows and has " + xs.size());
    }
    float[] features = new float[xs.size() * d];
    int[] labels = new int[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      System.arraycopy(xs.get(i), 0, features, i * d, d);
      labels[i] = ys.get(i);
    }
    return Dataset.classification(name, features, d, labels, classNames);
  }

  private static BufferedReader open(String resource) throws IOException {
    InputStream in = EmbeddedDatasets.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("resource " + resource + " is missing from the class path");
    }
    if (resource.endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
