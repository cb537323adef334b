package dev.disciplina.diagnostics.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.disciplina.diagnostics.LearningCurves;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Keras {@code history.history} saved as JSON: an object of equally long arrays, {@code
 * {"loss": [...], "val_loss": [...], "accuracy": [...], ...}}. Also accepted: the same object
 * under a {@code "history"} key, and each series as an object keyed by epoch index ({@code
 * {"0": 0.9, "1": 0.7}}, what {@code pandas.DataFrame.to_json} writes). Python's {@code NaN},
 * {@code Infinity} and {@code -Infinity} (which {@code json.dump} writes though JSON has no such
 * numbers), numeric strings and {@code null} (missing) are read. Epochs count from 1, as Keras
 * prints them, unless an {@code "epoch"} series gives them. Values that are not series are
 * ignored, and so are arrays of objects (per-epoch records of other metrics).
 */
final class KerasJsonReader {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
      .build();

  private KerasJsonReader() {}

  private record Series(List<Double> values, int line) {}

  static LearningCurves read(String file, String text) throws CurveReadException {
    Map<String, Series> series = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CurveReadException(file, line(p), "expected a JSON object of series like {\"loss\": [...], \"val_loss\": [...]}");
      }
      readObject(file, p, series, true);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new CurveReadException(file, line(p), "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
      throw new CurveReadException(file, line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CurveReadException(file, "cannot read: " + e, e);
    }
    if (series.isEmpty()) {
      throw new CurveReadException(file, 0, "no series found; expected {\"loss\": [...], \"val_loss\": [...]}");
    }
    Series epochSeries = series.remove("epoch");
    int n = -1;
    String first = null;
    for (Map.Entry<String, Series> e : series.entrySet()) {
      int size = e.getValue().values().size();
      if (n < 0) {
        n = size;
        first = e.getKey();
      } else if (size != n) {
        throw new CurveReadException(file, e.getValue().line(),
            "series " + e.getKey() + " has " + size + " values but " + first + " has " + n
                + "; every series needs one value per epoch");
      }
    }
    EpochTable table = new EpochTable(file, 1);
    series.keySet().forEach(table::column);
    for (int i = 0; i < n; i++) {
      int epoch = i + 1;
      if (epochSeries != null) {
        if (epochSeries.values().size() != n) {
          throw new CurveReadException(file, epochSeries.line(),
              "series epoch has " + epochSeries.values().size() + " values but " + first + " has " + n);
        }
        Double e = epochSeries.values().get(i);
        if (e == null || e != Math.rint(e)) {
          throw new CurveReadException(file, epochSeries.line(), "expected whole epoch numbers in series epoch, found " + e);
        }
        epoch = e.intValue();
      }
      table.epoch(epoch, 1);
      for (Map.Entry<String, Series> e : series.entrySet()) {
        table.set(e.getKey(), e.getValue().values().get(i));
      }
    }
    return table.toCurves(null, null);
  }

  private static void readObject(String file, JsonParser p, Map<String, Series> out, boolean top)
      throws IOException, CurveReadException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      int line = line(p);
      if (t == JsonToken.START_ARRAY) {
        List<Double> values = new ArrayList<>();
        int index = 0;
        boolean structured = false;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (index == 0 && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            structured = true;
          }
          if (structured) {
            // an array of records ({"mse": .., "mae": ..} per epoch) is not a series: skipped
            p.skipChildren();
          } else {
            values.add(value(file, p, t, name + "[" + index + "]"));
          }
          index++;
        }
        if (!structured) {
          out.put(name, new Series(values, line));
        }
      } else if (t == JsonToken.START_OBJECT && top && name.equals("history")) {
        readObject(file, p, out, false);
      } else if (t == JsonToken.START_OBJECT) {
        TreeMap<Integer, Double> byIndex = new TreeMap<>();
        boolean numericKeys = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken vt = p.nextToken();
          Integer index = parseIndex(key);
          if (index == null || vt == JsonToken.START_ARRAY || vt == JsonToken.START_OBJECT) {
            numericKeys = false;
            p.skipChildren();
            continue;
          }
          byIndex.put(index, value(file, p, vt, name + "[\"" + key + "\"]"));
        }
        if (numericKeys && !byIndex.isEmpty()) {
          out.put(name, new Series(new ArrayList<>(byIndex.values()), line));
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static Integer parseIndex(String key) {
    try {
      return Integer.valueOf(key.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double value(String file, JsonParser p, JsonToken t, String where) throws IOException, CurveReadException {
    switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      case VALUE_STRING -> {
        String s = p.getText();
        try {
          return Numbers.parse(s);
        } catch (NumberFormatException e) {
          throw new CurveReadException(file, line(p), "expected a number in " + where + ", found \"" + s + "\"");
        }
      }
      default -> throw new CurveReadException(file, line(p), "expected a number in " + where + ", found " + describe(t));
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> t.toString();
    };
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
