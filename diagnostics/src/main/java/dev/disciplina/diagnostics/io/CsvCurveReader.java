package dev.disciplina.diagnostics.io;

import dev.disciplina.diagnostics.LearningCurves;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CSV formats: one row per epoch ({@link CurveFormat#DISCIPLINA_HISTORY}, {@link
 * CurveFormat#KERAS_CSV}, {@link CurveFormat#PLAIN_CSV}) and Lightning's several rows per epoch
 * ({@link CurveFormat#LIGHTNING_CSV}).
 */
final class CsvCurveReader {

  private CsvCurveReader() {}

  /**
   * One row per epoch under a header. The epoch numbers come from an {@code epoch} (or {@code
   * epochs}) column, else from an unnamed first column (the index pandas writes with {@code
   * DataFrame.to_csv}), else count from 1. An epoch number that does not increase starts a new run.
   * Columns of text (a {@code model} or {@code phase} name: the first value is not a number) are
   * not series and are skipped.
   */
  static List<LearningCurves> readPerEpoch(String file, List<CsvTable.Row> rows) throws CurveReadException {
    CsvTable.Row header = header(file, rows);
    List<String> names = header.cells();
    int epochColumn = indexOf(names, "epoch");
    if (epochColumn < 0) {
      epochColumn = indexOf(names, "epochs");
    }
    if (epochColumn < 0 && names.get(0).isEmpty()) {
      epochColumn = 0;
    }
    boolean[] text = textColumns(rows, names.size());
    List<EpochTable> runs = new ArrayList<>();
    EpochTable table = null;
    int counter = 1;
    for (CsvTable.Row row : rows.subList(1, rows.size())) {
      checkWidth(file, row, names.size());
      int epoch = epochColumn >= 0 ? epochNumber(file, row, names.get(epochColumn), row.cells().get(epochColumn))
          : counter;
      counter++;
      if (table == null || table.lastEpoch() >= epoch) {
        table = new EpochTable(file, header.line());
        for (int c = 0; c < names.size(); c++) {
          if (!text[c]) {
            table.column(names.get(c));
          }
        }
        runs.add(table);
      }
      table.epoch(epoch, row.line());
      for (int c = 0; c < names.size(); c++) {
        if (c != epochColumn && !text[c]) {
          table.set(names.get(c), number(file, row, names.get(c), row.cells().get(c)));
        }
      }
    }
    if (runs.isEmpty()) {
      throw new CurveReadException(file, header.line(), "no epochs found: the file has a header but no rows");
    }
    return curves(runs);
  }

  /** The curves of each run, leaving out runs with no epoch that has both losses when others have. */
  private static List<LearningCurves> curves(List<EpochTable> runs) throws CurveReadException {
    List<LearningCurves> out = new ArrayList<>();
    CurveReadException first = null;
    for (EpochTable t : runs) {
      try {
        out.add(t.toCurves(null, null));
      } catch (CurveReadException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (out.isEmpty()) {
      throw first;
    }
    return out;
  }

  /**
   * Which columns hold text, not numbers: those, other than the loss columns, whose first
   * non-missing value (within the first 100 rows) is not a number.
   */
  private static boolean[] textColumns(List<CsvTable.Row> rows, int width) {
    boolean[] text = new boolean[width];
    boolean[] decided = new boolean[width];
    List<String> names = rows.get(0).cells();
    for (int c = 0; c < Math.min(width, names.size()); c++) {
      // a loss column is never text: a word there is an error to report
      decided[c] = EpochTable.isLossName(names.get(c));
    }
    for (CsvTable.Row row : rows.subList(1, Math.min(rows.size(), 101))) {
      for (int c = 0; c < Math.min(width, row.cells().size()); c++) {
        String cell = row.cells().get(c);
        if (decided[c] || Numbers.isMissing(cell)) {
          continue;
        }
        decided[c] = true;
        text[c] = !Numbers.isNumber(cell);
      }
    }
    return text;
  }

  /**
   * Two columns, training loss then validation loss. A first row that is not two numbers is a
   * header and is skipped; epochs count from 1.
   */
  static LearningCurves readPlain(String file, List<CsvTable.Row> rows) throws CurveReadException {
    if (rows.isEmpty()) {
      throw new CurveReadException(file, 0, "the file is empty");
    }
    boolean hasHeader = rows.get(0).cells().stream().anyMatch(c -> !Numbers.isNumber(c));
    if (hasHeader && rows.get(0).cells().size() != 2) {
      throw new CurveReadException(file, rows.get(0).line(), "expected 2 columns (training loss, validation loss), found "
          + rows.get(0).cells().size());
    }
    EpochTable table = new EpochTable(file, rows.get(0).line());
    table.column("train");
    table.column("val");
    int epoch = 1;
    for (CsvTable.Row row : hasHeader ? rows.subList(1, rows.size()) : rows) {
      if (row.cells().size() != 2) {
        throw new CurveReadException(file, row.line(), "expected 2 columns (training loss, validation loss), found "
            + row.cells().size());
      }
      table.epoch(epoch++, row.line());
      String trainName = hasHeader ? rows.get(0).cells().get(0) : "1";
      String valName = hasHeader ? rows.get(0).cells().get(1) : "2";
      table.set("train", number(file, row, trainName, row.cells().get(0)));
      table.set("val", number(file, row, valName, row.cells().get(1)));
    }
    return table.toCurves("train", "val");
  }

  /**
   * Lightning's {@code metrics.csv}: rows carry an {@code epoch} and a {@code step}, and only the
   * values logged at that point. Per epoch and metric {@code m}, the value is {@code m_epoch} (the
   * epoch aggregate Lightning computes with {@code on_epoch=True}) when logged, else the mean of
   * the epoch's {@code m} values (one value when it was logged once per epoch, the step values
   * otherwise), else the mean of the {@code m_step} values. Rows without an epoch are skipped. An
   * epoch number smaller than the one before starts a new run (a resumed or restarted fit writing
   * to the same file); text columns are skipped.
   */
  static List<LearningCurves> readLightning(String file, List<CsvTable.Row> rows) throws CurveReadException {
    CsvTable.Row header = header(file, rows);
    List<String> names = header.cells();
    int epochColumn = indexOf(names, "epoch");
    if (epochColumn < 0) {
      throw new CurveReadException(file, header.line(), "no epoch column; found columns " + String.join(", ", names));
    }
    int stepColumn = indexOf(names, "step");
    // base name -> (suffix -> column index); suffix "" for the plain column
    Map<String, Map<String, Integer>> bases = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      if (c == epochColumn || c == stepColumn) {
        continue;
      }
      String n = EpochTable.normalise(names.get(c));
      String suffix = n.endsWith("_epoch") ? "_epoch" : n.endsWith("_step") ? "_step" : n.endsWith("_0") ? "_0" : "";
      String base = names.get(c).trim();
      base = base.substring(0, base.length() - suffix.length());
      bases.computeIfAbsent(base, k -> new LinkedHashMap<>()).put(suffix, c);
    }
    boolean[] text = textColumns(rows, names.size());
    List<EpochTable> runs = new ArrayList<>();
    // epoch -> rows of values, for the run being read
    Map<Integer, List<Double[]>> byEpoch = new LinkedHashMap<>();
    Map<Integer, Integer> firstLine = new LinkedHashMap<>();
    int lastEpoch = Integer.MIN_VALUE;
    for (CsvTable.Row row : rows.subList(1, rows.size())) {
      checkWidth(file, row, names.size());
      String e = row.cells().get(epochColumn);
      if (Numbers.isMissing(e)) {
        continue;
      }
      int epoch = epochNumber(file, row, names.get(epochColumn), e);
      if (epoch < lastEpoch) {
        runs.add(lightningRun(file, header, bases, byEpoch, firstLine));
        byEpoch = new LinkedHashMap<>();
        firstLine = new LinkedHashMap<>();
      }
      lastEpoch = epoch;
      Double[] values = new Double[names.size()];
      for (int c = 0; c < names.size(); c++) {
        values[c] = c == epochColumn || c == stepColumn || text[c] ? null
            : number(file, row, names.get(c), row.cells().get(c));
      }
      byEpoch.computeIfAbsent(epoch, k -> new ArrayList<>()).add(values);
      firstLine.putIfAbsent(epoch, row.line());
    }
    runs.add(lightningRun(file, header, bases, byEpoch, firstLine));
    return curves(runs);
  }

  private static EpochTable lightningRun(String file, CsvTable.Row header, Map<String, Map<String, Integer>> bases,
      Map<Integer, List<Double[]>> byEpoch, Map<Integer, Integer> firstLine) throws CurveReadException {
    EpochTable table = new EpochTable(file, header.line());
    bases.keySet().forEach(table::column);
    List<Integer> epochs = new ArrayList<>(byEpoch.keySet());
    epochs.sort(null);
    for (int epoch : epochs) {
      table.epoch(epoch, firstLine.get(epoch));
      List<Double[]> epochRows = byEpoch.get(epoch);
      for (Map.Entry<String, Map<String, Integer>> base : bases.entrySet()) {
        Map<String, Integer> cols = base.getValue();
        Double v = null;
        if (cols.containsKey("_epoch")) {
          v = last(epochRows, cols.get("_epoch"));
        }
        if (v == null && cols.containsKey("_0") && count(epochRows, cols.get("")) > 1) {
          // the plain column holds step values and its "_0" twin (Lightning's name for a key
          // logged a second time) the value logged once for the epoch: the epoch's own figure
          v = last(epochRows, cols.get("_0"));
        }
        if (v == null && cols.containsKey("")) {
          v = mean(epochRows, cols.get(""));
        }
        if (v == null && cols.containsKey("_0")) {
          v = last(epochRows, cols.get("_0"));
        }
        if (v == null && cols.containsKey("_step")) {
          v = mean(epochRows, cols.get("_step"));
        }
        table.set(base.getKey(), v);
      }
    }
    return table;
  }

  private static Double last(List<Double[]> rows, int column) {
    Double v = null;
    for (Double[] r : rows) {
      if (r[column] != null) {
        v = r[column];
      }
    }
    return v;
  }

  private static int count(List<Double[]> rows, Integer column) {
    int count = 0;
    if (column != null) {
      for (Double[] r : rows) {
        count += r[column] != null ? 1 : 0;
      }
    }
    return count;
  }

  private static Double mean(List<Double[]> rows, int column) {
    double sum = 0;
    int count = 0;
    for (Double[] r : rows) {
      if (r[column] != null) {
        sum += r[column];
        count++;
      }
    }
    return count == 0 ? null : sum / count;
  }

  private static CsvTable.Row header(String file, List<CsvTable.Row> rows) throws CurveReadException {
    if (rows.isEmpty()) {
      throw new CurveReadException(file, 0, "the file is empty");
    }
    CsvTable.Row header = rows.get(0);
    if (header.cells().stream().allMatch(Numbers::isNumber)) {
      throw new CurveReadException(file, header.line(), "expected a header row naming the columns, found numbers");
    }
    return header;
  }

  private static int indexOf(List<String> names, String wanted) {
    for (int i = 0; i < names.size(); i++) {
      if (EpochTable.normalise(names.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static void checkWidth(String file, CsvTable.Row row, int width) throws CurveReadException {
    if (row.cells().size() != width) {
      throw new CurveReadException(file, row.line(),
          "expected " + width + " cells as in the header, found " + row.cells().size());
    }
  }

  static Double number(String file, CsvTable.Row row, String column, String text) throws CurveReadException {
    try {
      return Numbers.parse(text);
    } catch (NumberFormatException e) {
      throw new CurveReadException(file, row.line(),
          "expected a number in column " + column + ", found \"" + text + "\"");
    }
  }

  private static int epochNumber(String file, CsvTable.Row row, String column, String text) throws CurveReadException {
    Double v = number(file, row, column, text);
    if (v == null) {
      throw new CurveReadException(file, row.line(), "missing epoch number in column " + column);
    }
    if (!(v == Math.rint(v)) || Math.abs(v) > 1e9) {
      throw new CurveReadException(file, row.line(),
          "expected a whole epoch number in column " + column + ", found \"" + text + "\"");
    }
    return v.intValue();
  }
}
