package dev.disciplina.diagnostics.io;

import dev.disciplina.diagnostics.LearningCurves;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-epoch values by column name, as read from any format, before deciding which column is the
 * training loss and which the validation loss. {@link #toCurves} makes that decision the same way
 * for every format.
 *
 * <p>Column names are compared normalised: lower case, with {@code /}, {@code -}, {@code .} and
 * spaces read as {@code _} (so Lightning's {@code train/loss} is {@code train_loss}).
 */
final class EpochTable {

  /** Names of the training loss, most specific first (Keras calls it {@code loss}). */
  static final List<String> TRAIN_LOSS = List.of("train_loss", "training_loss", "loss", "train", "training", "tr_loss",
      "train_mse", "mse", "train_mae", "mae");

  /** Names of the eval-mode training loss (this project's history). */
  static final List<String> TRAIN_EVAL_LOSS = List.of("train_eval_loss", "train_loss_eval");

  /**
   * Names of the validation loss. {@code test_loss} comes last: tutorials that have no validation
   * split often call their held-out split "test".
   */
  static final List<String> VAL_LOSS = List.of("val_loss", "valid_loss", "validation_loss", "val", "valid",
      "validation", "eval_loss", "dev_loss", "test_loss", "val_mse", "val_mae");

  static final List<String> TRAIN_ACCURACY = List.of("train_accuracy", "train_acc", "training_accuracy",
      "accuracy", "acc", "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy");

  static final List<String> VAL_ACCURACY = List.of("val_accuracy", "val_acc", "valid_accuracy", "valid_acc",
      "validation_accuracy", "validation_acc", "val_sparse_categorical_accuracy", "val_categorical_accuracy",
      "val_binary_accuracy");

  private static final Set<String> NOT_METRICS = Set.of("epoch", "step", "");

  private final String file;
  private final int headerLine;
  private final List<Integer> epochs = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();
  private final Map<String, List<Double>> columns = new LinkedHashMap<>();
  private final Map<String, String> written = new LinkedHashMap<>();

  EpochTable(String file, int headerLine) {
    this.file = file;
    this.headerLine = headerLine;
  }

  static String normalise(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s/.\\-]+", "_");
    return n.replaceAll("_+", "_");
  }

  /** True when the column's name is one of the training or validation loss names. */
  static boolean isLossName(String name) {
    String n = normalise(name);
    return TRAIN_LOSS.contains(n) || VAL_LOSS.contains(n) || TRAIN_EVAL_LOSS.contains(n);
  }

  /** Declares a column, in file order. */
  void column(String name) {
    String key = normalise(name);
    if (!columns.containsKey(key)) {
      // a column first seen after some epochs (a console log printing a new metric) is missing there
      List<Double> values = new ArrayList<>(epochs.size());
      for (int i = 0; i < epochs.size(); i++) {
        values.add(null);
      }
      columns.put(key, values);
    }
    written.putIfAbsent(key, name.trim());
  }

  /** Starts an epoch read from {@code line}; values of its columns follow through {@link #set}. */
  void epoch(int epoch, int line) throws CurveReadException {
    if (!epochs.isEmpty()) {
      int last = epochs.get(epochs.size() - 1);
      if (epoch == last) {
        throw new CurveReadException(file, line,
            "epoch " + epoch + " appears twice (lines " + lines.get(lines.size() - 1) + " and " + line + ")");
      }
      if (epoch < last) {
        throw new CurveReadException(file, line, "epochs must increase, but epoch " + epoch + " follows epoch "
            + last + " (two runs appended to one log?)");
      }
    }
    epochs.add(epoch);
    lines.add(line);
    for (List<Double> c : columns.values()) {
      c.add(null);
    }
  }

  /** Sets the current epoch's value of a column ({@code null}: missing). */
  void set(String name, Double value) {
    List<Double> c = columns.get(normalise(name));
    c.set(c.size() - 1, value);
  }

  int size() {
    return epochs.size();
  }

  /** The last epoch started; only when {@link #size()} is positive. */
  int lastEpoch() {
    return epochs.get(epochs.size() - 1);
  }

  /**
   * The learning curves: the first training-loss and validation-loss columns by the name lists
   * above (or the given columns when {@code trainColumn}/{@code valColumn} are set), epochs where
   * either is missing left out, optional series and other metrics kept when complete.
   */
  LearningCurves toCurves(String trainColumn, String valColumn) throws CurveReadException {
    String train = trainColumn != null ? normalise(trainColumn) : find(TRAIN_LOSS);
    String val = valColumn != null ? normalise(valColumn) : find(VAL_LOSS);
    if (train == null) {
      throw new CurveReadException(file, headerLine,
          "no training loss column (looked for " + String.join(", ", TRAIN_LOSS) + "); found columns " + found());
    }
    if (val == null) {
      throw new CurveReadException(file, headerLine,
          "no validation loss column (looked for " + String.join(", ", VAL_LOSS) + "); found columns " + found());
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < epochs.size(); i++) {
      if (columns.get(train).get(i) != null && columns.get(val).get(i) != null) {
        keep.add(i);
      }
    }
    if (keep.isEmpty()) {
      throw new CurveReadException(file, 0, epochs.isEmpty() ? "no epochs found"
          : "no epoch has both a training loss (" + written.get(train) + ") and a validation loss ("
              + written.get(val) + ")");
    }
    LearningCurves.Builder b = LearningCurves.builder()
        .epochs(pick(epochs, keep))
        .trainLoss(pick(columns.get(train), keep))
        .valLoss(pick(columns.get(val), keep));
    List<String> used = new ArrayList<>(List.of(train, val));
    String trainEval = find(TRAIN_EVAL_LOSS);
    if (trainEval != null && complete(trainEval, keep)) {
      b.trainEvalLoss(pick(columns.get(trainEval), keep));
      used.add(trainEval);
    }
    String trainAcc = find(TRAIN_ACCURACY);
    String valAcc = find(VAL_ACCURACY);
    if (trainAcc != null && valAcc != null && complete(trainAcc, keep) && complete(valAcc, keep)) {
      b.trainAccuracy(pick(columns.get(trainAcc), keep)).valAccuracy(pick(columns.get(valAcc), keep));
      used.add(trainAcc);
      used.add(valAcc);
    }
    for (String name : columns.keySet()) {
      if (!used.contains(name) && !NOT_METRICS.contains(name) && complete(name, keep)) {
        b.metric(written.get(name), pick(columns.get(name), keep));
      }
    }
    return b.build();
  }

  private String find(List<String> names) {
    for (String n : names) {
      if (columns.containsKey(n)) {
        return n;
      }
    }
    return null;
  }

  private boolean complete(String column, List<Integer> keep) {
    List<Double> c = columns.get(column);
    for (int i : keep) {
      if (c.get(i) == null) {
        return false;
      }
    }
    return true;
  }

  private static <T> List<T> pick(List<T> values, List<Integer> keep) {
    List<T> out = new ArrayList<>(keep.size());
    for (int i : keep) {
      out.add(values.get(i));
    }
    return out;
  }

  private String found() {
    return written.values().isEmpty() ? "(none)" : String.join(", ", written.values());
  }
}
