package dev.disciplina.diagnostics.io;

import dev.disciplina.diagnostics.LearningCurves;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads training output pasted from a terminal or a notebook ({@link CurveFormat#CONSOLE}):
 * Keras' {@code Epoch 3/20} followed by {@code 1875/1875 [====] - 3s - loss: 0.41 - accuracy:
 * 0.85 - val_loss: 0.52 - val_accuracy: 0.80} (Keras 3 prints accuracy before loss, with colour
 * escapes and progress bars redrawn through carriage returns), and the usual PyTorch prints and
 * logging lines: {@code Epoch [3/50], Train Loss: 0.41, Val Loss: 0.52, Val Acc: 81.2%}, {@code
 * Epoch 3: train_loss=0.41 val_loss=0.52}, {@code epoch 3 train loss 0.41 val loss 0.52}.
 *
 * <p>How it reads: notebook lines that are JSON string literals ({@code "text...\n",} as an
 * {@code .ipynb} stores cell output) are decoded, ANSI escapes removed, and the text split at
 * line ends and carriage returns. {@code Epoch N} (also {@code Epoch [N/M]}, {@code Epoch N/M})
 * starts epoch N; the {@code name: value} and {@code name=value} pairs after it (and {@code name
 * value} where the name ends in a metric word such as {@code loss} or {@code acc}) are its values,
 * the last one printed winning, so a progress bar's running values are replaced by the epoch's
 * final line. Names are lower-cased with spaces as underscores ({@code Train Loss} is {@code
 * train_loss}); a percentage of an accuracy is read as a fraction. Without any {@code Epoch}
 * marker, every line with a validation loss is one epoch. An epoch number that goes back starts a
 * new run (a restarted script appending to one log).
 */
final class ConsoleLogReader {

  private static final Pattern NOTEBOOK_STRING = Pattern.compile("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?\\s*$");
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
  private static final Pattern EPOCH = Pattern.compile(
      "(?i)(?<![A-Za-z_])epoch\\s*[\\[(#:]?\\s*(\\d{1,9})(?:\\s*/\\s*\\d{1,9})?\\s*[\\])]?(?![\\d.])");
  private static final String NUMBER = "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?nan|[+-]?inf(?:inity)?)";
  private static final Pattern PAIR = Pattern.compile(
      "(?i)(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_]*(?:[ /][A-Za-z][A-Za-z0-9_]*){0,2})\\s*[:=]\\s*" + NUMBER + "(%?)");
  private static final Pattern SPACED_PAIR = Pattern.compile(
      "(?i)(?<![A-Za-z0-9_])((?:[A-Za-z][A-Za-z0-9_]*[ _])?(?:loss|acc|accuracy|mae|mse|rmse))\\s+" + NUMBER + "(%?)(?![\\w.])");

  /** A guess from content: some line has a loss as {@code loss: v}, {@code loss=v} or {@code loss v}. */
  private static final Pattern LOOKS_LIKE = Pattern.compile("(?i)loss\\W{0,3}\\s*[:= ]\\s*[+-]?(?:\\d|\\.\\d|nan|inf)");

  private ConsoleLogReader() {}

  /** True when the text looks like console output with losses in it. */
  static boolean looksLikeConsole(String text) {
    return LOOKS_LIKE.matcher(text.length() > 200_000 ? text.substring(0, 200_000) : text).find();
  }

  static List<LearningCurves> read(String file, String text) throws CurveReadException {
    List<EpochTable> runs = new ArrayList<>();
    EpochTable table = null;
    Map<String, Double> values = null;
    int epoch = 0;
    int epochLine = 0;
    boolean markers = false;
    int lineNumber = 0;
    for (String rawLine : text.split("\n", -1)) {
      lineNumber++;
      String line = decodeNotebookLine(rawLine);
      line = ANSI.matcher(line).replaceAll("");
      for (String segment : line.split("[\r\n]")) {
        Matcher m = EPOCH.matcher(segment);
        int pairsFrom = 0;
        if (m.find()) {
          int e = Integer.parseInt(m.group(1));
          pairsFrom = m.end();
          if (!markers || e != epoch) {
            if (values != null) {
              table = flush(file, runs, table, values, epoch, epochLine);
            }
            if (markers && e < epoch) {
              table = null;
            }
            markers = true;
            epoch = e;
            epochLine = lineNumber;
            values = new LinkedHashMap<>();
          }
        }
        Map<String, Double> pairs = pairs(segment.substring(pairsFrom));
        if (pairs.isEmpty()) {
          continue;
        }
        if (!markers) {
          if (pairs.keySet().stream().noneMatch(EpochTable.VAL_LOSS::contains)) {
            continue;
          }
          epoch++;
          table = flush(file, runs, table, pairs, epoch, lineNumber);
          continue;
        }
        values.putAll(pairs);
      }
    }
    if (markers && values != null) {
      flush(file, runs, table, values, epoch, epochLine);
    }
    if (runs.isEmpty()) {
      throw new CurveReadException(file, 0, "no epochs found: expected lines like \"Epoch 3/20 ... loss: 0.41 - "
          + "val_loss: 0.52\" or \"Epoch 3, train loss 0.41, val loss 0.52\"");
    }
    List<LearningCurves> curves = new ArrayList<>();
    for (EpochTable t : runs) {
      curves.add(t.toCurves(null, null));
    }
    return curves;
  }

  /** Adds an epoch's values to the current run (starting one if needed); returns the run. */
  private static EpochTable flush(String file, List<EpochTable> runs, EpochTable table, Map<String, Double> values,
      int epoch, int line) throws CurveReadException {
    if (values.isEmpty()) {
      return table;
    }
    EpochTable t = table;
    if (t == null || t.size() > 0 && t.lastEpoch() >= epoch) {
      t = new EpochTable(file, line);
      runs.add(t);
    }
    for (String name : values.keySet()) {
      t.column(name);
    }
    t.epoch(epoch, line);
    for (Map.Entry<String, Double> e : values.entrySet()) {
      t.set(e.getKey(), e.getValue());
    }
    return t;
  }

  private static Map<String, Double> pairs(String segment) {
    Map<String, Double> out = new LinkedHashMap<>();
    collect(PAIR.matcher(segment), out);
    if (out.isEmpty()) {
      collect(SPACED_PAIR.matcher(segment), out);
    }
    return out;
  }

  private static void collect(Matcher m, Map<String, Double> out) {
    while (m.find()) {
      String name = EpochTable.normalise(m.group(1));
      double v = Numbers.parse(m.group(2));
      if (!m.group(3).isEmpty()) {
        if (!name.contains("acc")) {
          continue;
        }
        // exactly the printed digits, moved two places: 17.37% is 0.1737, not 0.17370000000000002
        v = Double.isFinite(v) ? new BigDecimal(m.group(2)).movePointLeft(2).doubleValue() : v / 100;
      }
      out.put(name, v);
    }
  }

  /** A notebook's JSON string literal decoded; any other line as it is. */
  static String decodeNotebookLine(String line) {
    Matcher m = NOTEBOOK_STRING.matcher(line);
    if (!m.matches()) {
      return line;
    }
    String s = m.group(1);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b', 'f' -> { }
        case 'u' -> {
          if (isHex(s, i + 1)) {
            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }

  private static boolean isHex(String s, int from) {
    if (from + 4 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 4; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
