package dev.disciplina.diagnostics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Per-epoch learning curves of one training run: what {@link Diagnostics#diagnose} reads.
 *
 * <p>Required: the training loss and the validation loss, one value per epoch. Optional, each
 * either empty or exactly as long as the losses: the training loss measured in eval mode after
 * the epoch (comparable with the validation loss, unlike the running mean of a training epoch,
 * which includes dropout and lags behind the weights), training and validation accuracy, and any
 * other named per-epoch series ({@link #metrics()}, e.g. {@code train_mae}, {@code
 * learning_rate}). {@link #classes()} is the number of classes when the task is a K-class
 * classification with a cross-entropy loss: it makes chance level known ({@code ln K} for the
 * loss, {@code 1/K} for accuracy).
 *
 * <p>Values may be NaN or infinite — that is what a diverged run logs, and the diagnosis says so.
 * Epoch numbers are kept as the source wrote them (Keras and Lightning count from 0, this project
 * from 1) and must increase strictly. Instances are immutable and thread-safe; build one with
 * {@link #of(double[], double[])} or {@link #builder()}.
 *
 * @param epochs epoch numbers, strictly increasing, one per entry
 * @param trainLoss mean training loss of each epoch
 * @param valLoss validation loss after each epoch
 * @param trainEvalLoss training loss measured in eval mode after each epoch, or empty
 * @param trainAccuracy training accuracy in [0, 1], or empty
 * @param valAccuracy validation accuracy in [0, 1], or empty
 * @param metrics other named per-epoch series, in source order
 * @param classes the number of classes when known (at least 2)
 */
public record LearningCurves(
    List<Integer> epochs,
    List<Double> trainLoss,
    List<Double> valLoss,
    List<Double> trainEvalLoss,
    List<Double> trainAccuracy,
    List<Double> valAccuracy,
    Map<String, List<Double>> metrics,
    OptionalInt classes) {

  /** Checks that every series has one value per epoch and copies everything. */
  public LearningCurves {
    Objects.requireNonNull(epochs, "epochs");
    Objects.requireNonNull(trainLoss, "trainLoss");
    Objects.requireNonNull(valLoss, "valLoss");
    Objects.requireNonNull(trainEvalLoss, "trainEvalLoss");
    Objects.requireNonNull(trainAccuracy, "trainAccuracy");
    Objects.requireNonNull(valAccuracy, "valAccuracy");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(classes, "classes");
    int n = trainLoss.size();
    if (n == 0) {
      throw new IllegalArgumentException("learning curves need at least one epoch");
    }
    requireLength("valLoss", valLoss, n, false);
    requireLength("epochs", epochs, n, false);
    requireLength("trainEvalLoss", trainEvalLoss, n, true);
    requireLength("trainAccuracy", trainAccuracy, n, true);
    requireLength("valAccuracy", valAccuracy, n, true);
    for (Map.Entry<String, List<Double>> e : metrics.entrySet()) {
      requireLength("metric " + e.getKey(), e.getValue(), n, false);
    }
    for (int i = 1; i < n; i++) {
      if (epochs.get(i) <= epochs.get(i - 1)) {
        throw new IllegalArgumentException(
            "epoch numbers must increase: epoch " + epochs.get(i) + " follows epoch " + epochs.get(i - 1));
      }
    }
    if (classes.isPresent() && classes.getAsInt() < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes.getAsInt());
    }
    epochs = List.copyOf(epochs);
    trainLoss = List.copyOf(trainLoss);
    valLoss = List.copyOf(valLoss);
    trainEvalLoss = List.copyOf(trainEvalLoss);
    trainAccuracy = List.copyOf(trainAccuracy);
    valAccuracy = List.copyOf(valAccuracy);
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    metrics.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metric name"), List.copyOf(v)));
    metrics = Collections.unmodifiableMap(copy);
  }

  private static void requireLength(String name, List<?> series, int n, boolean mayBeEmpty) {
    Objects.requireNonNull(series, name);
    if (series.size() != n && !(mayBeEmpty && series.isEmpty())) {
      throw new IllegalArgumentException(
          name + " has " + series.size() + " values but trainLoss has " + n
              + (mayBeEmpty ? " (an optional series is either empty or one value per epoch)" : ""));
    }
  }

  /**
   * Curves from training and validation losses alone, epochs numbered 1, 2, ...
   *
   * @throws IllegalArgumentException if the arrays are empty or differ in length
   */
  public static LearningCurves of(double[] trainLoss, double[] valLoss) {
    return builder().trainLoss(trainLoss).valLoss(valLoss).build();
  }

  /** A builder; only the training and validation losses are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of epochs. */
  public int size() {
    return trainLoss.size();
  }

  /** The same curves with the number of classes set (at least 2), making chance level known. */
  public LearningCurves withClasses(int k) {
    return new LearningCurves(epochs, trainLoss, valLoss, trainEvalLoss, trainAccuracy, valAccuracy,
        metrics, OptionalInt.of(k));
  }

  /**
   * The first {@code n} epochs, as they were known after epoch {@code n}: what an online
   * diagnosis saw at that point.
   */
  public LearningCurves prefix(int n) {
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException("prefix length must be in [1, " + size() + "], got " + n);
    }
    Map<String, List<Double>> m = new LinkedHashMap<>();
    metrics.forEach((k, v) -> m.put(k, v.subList(0, n)));
    return new LearningCurves(epochs.subList(0, n), trainLoss.subList(0, n), valLoss.subList(0, n),
        head(trainEvalLoss, n), head(trainAccuracy, n), head(valAccuracy, n), m, classes);
  }

  private static List<Double> head(List<Double> series, int n) {
    return series.isEmpty() ? series : series.subList(0, n);
  }

  /** Chance-level cross-entropy {@code ln K}, when the number of classes is known. */
  public OptionalDouble chanceLoss() {
    return classes.isPresent() ? OptionalDouble.of(Math.log(classes.getAsInt())) : OptionalDouble.empty();
  }

  /**
   * Builds {@link LearningCurves}. Not thread-safe. Epochs default to 1, 2, ...; optional series
   * default to empty.
   */
  public static final class Builder {
    private List<Integer> epochs;
    private int firstEpoch = 1;
    private List<Double> trainLoss = List.of();
    private List<Double> valLoss = List.of();
    private List<Double> trainEvalLoss = List.of();
    private List<Double> trainAccuracy = List.of();
    private List<Double> valAccuracy = List.of();
    private final Map<String, List<Double>> metrics = new LinkedHashMap<>();
    private OptionalInt classes = OptionalInt.empty();

    private Builder() {}

    /** Epoch numbers, strictly increasing; default 1, 2, ... */
    public Builder epochs(List<Integer> epochs) {
      this.epochs = List.copyOf(epochs);
      return this;
    }

    /** Epoch numbers, strictly increasing; default 1, 2, ... */
    public Builder epochs(int... epochs) {
      List<Integer> list = new ArrayList<>(epochs.length);
      for (int e : epochs) {
        list.add(e);
      }
      this.epochs = list;
      return this;
    }

    /** Numbers epochs {@code first, first + 1, ...} (Keras and Lightning count from 0). */
    public Builder firstEpoch(int first) {
      this.epochs = null;
      this.firstEpoch = first;
      return this;
    }


    /** Mean training loss per epoch (required). */
    public Builder trainLoss(double... values) {
      this.trainLoss = box(values);
      return this;
    }

    /** Mean training loss per epoch (required). */
    public Builder trainLoss(List<Double> values) {
      this.trainLoss = List.copyOf(values);
      return this;
    }

    /** Validation loss per epoch (required). */
    public Builder valLoss(double... values) {
      this.valLoss = box(values);
      return this;
    }

    /** Validation loss per epoch (required). */
    public Builder valLoss(List<Double> values) {
      this.valLoss = List.copyOf(values);
      return this;
    }

    /** Training loss measured in eval mode after each epoch. */
    public Builder trainEvalLoss(double... values) {
      this.trainEvalLoss = box(values);
      return this;
    }

    /** Training loss measured in eval mode after each epoch. */
    public Builder trainEvalLoss(List<Double> values) {
      this.trainEvalLoss = List.copyOf(values);
      return this;
    }

    /** Training accuracy per epoch, in [0, 1]. */
    public Builder trainAccuracy(double... values) {
      this.trainAccuracy = box(values);
      return this;
    }

    /** Training accuracy per epoch, in [0, 1]. */
    public Builder trainAccuracy(List<Double> values) {
      this.trainAccuracy = List.copyOf(values);
      return this;
    }

    /** Validation accuracy per epoch, in [0, 1]. */
    public Builder valAccuracy(double... values) {
      this.valAccuracy = box(values);
      return this;
    }

    /** Validation accuracy per epoch, in [0, 1]. */
    public Builder valAccuracy(List<Double> values) {
      this.valAccuracy = List.copyOf(values);
      return this;
    }

    /** Another named per-epoch series, kept for reports. */
    public Builder metric(String name, List<Double> values) {
      metrics.put(Objects.requireNonNull(name, "name"), List.copyOf(values));
      return this;
    }

    /** The number of classes (at least 2) of a classification task with cross-entropy loss. */
    public Builder classes(int k) {
      this.classes = OptionalInt.of(k);
      return this;
    }

    /** The number of classes if known. */
    public Builder classes(OptionalInt k) {
      this.classes = Objects.requireNonNull(k, "classes");
      return this;
    }

    /**
     * The curves.
     *
     * @throws IllegalArgumentException if a series is missing, lengths differ or epochs do not
     *     increase
     */
    public LearningCurves build() {
      List<Integer> e = epochs;
      if (e == null) {
        e = new ArrayList<>(trainLoss.size());
        for (int i = 0; i < trainLoss.size(); i++) {
          e.add(firstEpoch + i);
        }
      }
      return new LearningCurves(e, trainLoss, valLoss, trainEvalLoss, trainAccuracy, valAccuracy,
          metrics, classes);
    }

    private static List<Double> box(double[] values) {
      List<Double> list = new ArrayList<>(values.length);
      for (double v : values) {
        list.add(v);
      }
      return list;
    }
  }
}
