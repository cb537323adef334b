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
   * One row per epoch under a header. The epoch numbers come from an {@code epoch} column, else
   * from an unnamed first column (the index pandas writes with {@code DataFrame.to_csv}), else
   * count from 1.
   */
  static LearningCurves readPerEpoch(String file, List<CsvTable.Row> rows) throws CurveReadException {
    CsvTable.Row header = header(file, rows);
    List<String> names = header.cells();
    int epochColumn = indexOf(names, "epoch");
    if (epochColumn < 0 && names.get(0).isEmpty()) {
      epochColumn = 0;
    }
    EpochTable table = new EpochTable(file, header.line());
    for (String name : names) {
      table.column(name);
    }
    int counter = 1;
    for (CsvTable.Row row : rows.subList(1, rows.size())) {
      checkWidth(file, row, names.size());
      int epoch = epochColumn >= 0 ? epochNumber(file, row, names.get(epochColumn), row.cells().get(epochColumn))
          : counter;
      counter++;
      table.epoch(epoch, row.line());
      for (int c = 0; c < names.size(); c++) {
        if (c != epochColumn) {
          table.set(names.get(c), number(file, row, names.get(c), row.cells().get(c)));
        }
      }
    }
    return table.toCurves(null, null);
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
   * otherwise), else the mean of the {@code m_step} values. Rows without an epoch are skipped.
   */
  static LearningCurves readLightning(String file, List<CsvTable.Row> rows) throws CurveReadException {
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
      String suffix = n.endsWith("_epoch") ? "_epoch" : n.endsWith("_step") ? "_step" : "";
      String base = names.get(c).trim();
      base = base.substring(0, base.length() - suffix.length());
      bases.computeIfAbsent(base, k -> new LinkedHashMap<>()).put(suffix, c);
    }
    // epoch -> column -> values
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
      if (epoch < lastEpoch && byEpoch.containsKey(epoch)) {
        throw new CurveReadException(file, row.line(), "epoch " + epoch + " appears again after epoch " + lastEpoch
            + " (two runs appended to one log?)");
      }
      lastEpoch = Math.max(lastEpoch, epoch);
      Double[] values = new Double[names.size()];
      for (int c = 0; c < names.size(); c++) {
        values[c] = c == epochColumn || c == stepColumn ? null : number(file, row, names.get(c), row.cells().get(c));
      }
      byEpoch.computeIfAbsent(epoch, k -> new ArrayList<>()).add(values);
      firstLine.putIfAbsent(epoch, row.line());
    }
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
        if (v == null && cols.containsKey("")) {
          v = mean(epochRows, cols.get(""));
        }
        if (v == null && cols.containsKey("_step")) {
          v = mean(epochRows, cols.get("_step"));
        }
        table.set(base.getKey(), v);
      }
    }
    return table.toCurves(null, null);
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
