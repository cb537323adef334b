package dev.disciplina.report;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One run as a report draws it: a name, its learning curves, its diagnosis, and what is known
 * about it besides — the epoch the final weights come from, the majority-class baseline, the
 * configuration and (once runs have one) the manifest, each a table of name-value pairs in order.
 *
 * <p>The batch-loss spread and the learning rate are read from the curves' metrics {@value
 * #TRAIN_LOSS_STD} and {@value #LEARNING_RATE} (the history CSV's columns of those names);
 * metric panels pair {@code train_M} (or {@code M}) with {@code val_M}. Immutable; start from
 * {@link #of(String, LearningCurves)} and add with the {@code with...} methods.
 *
 * @param name the run's name, shown in titles and legends
 * @param curves the learning curves
 * @param diagnosis the diagnosis of those curves
 * @param weightsFromEpoch the epoch whose weights the model holds at the end, when known
 * @param majorityBaseline the accuracy of always predicting the most frequent class, when known
 * @param configuration the run's settings, in order
 * @param manifest the run's manifest entries, in order (empty when it has none)
 */
public record RunReport(
    String name,
    LearningCurves curves,
    Diagnosis diagnosis,
    OptionalInt weightsFromEpoch,
    OptionalDouble majorityBaseline,
    Map<String, String> configuration,
    Map<String, String> manifest) {

  /** The curves' metric holding the standard deviation of each epoch's batch losses. */
  public static final String TRAIN_LOSS_STD = "train_loss_std";

  /**
   * The curves' metric holding each epoch's gradient noise scale (McCandlish et al.'s
   * {@code B_simple}), when it was measured.
   */
  public static final String NOISE_SCALE = "gradient_noise_scale";

  /** The curves' metric holding each epoch's learning rate. */
  public static final String LEARNING_RATE = "learning_rate";

  private static final List<String> NOT_PANELS = List.of(TRAIN_LOSS_STD, LEARNING_RATE, "lr", "iterations",
      "seconds", "time", "step");

  /** Checks for nulls and copies the tables. */
  public RunReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(curves, "curves");
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(weightsFromEpoch, "weightsFromEpoch");
    Objects.requireNonNull(majorityBaseline, "majorityBaseline");
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
  }

  /** A report of {@code curves}, diagnosed with the default thresholds. */
  public static RunReport of(String name, LearningCurves curves) {
    return new RunReport(name, curves, Diagnostics.diagnose(curves), OptionalInt.empty(), OptionalDouble.empty(),
        Map.of(), Map.of());
  }

  /** This report with another diagnosis (e.g. one made with other thresholds). */
  public RunReport withDiagnosis(Diagnosis d) {
    return new RunReport(name, curves, d, weightsFromEpoch, majorityBaseline, configuration, manifest);
  }

  /** This report with the epoch the final weights come from. */
  public RunReport withWeightsFromEpoch(int epoch) {
    return new RunReport(name, curves, diagnosis, OptionalInt.of(epoch), majorityBaseline, configuration, manifest);
  }

  /** This report with the majority-class baseline accuracy, in [0, 1]. */
  public RunReport withMajorityBaseline(double accuracy) {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("a baseline accuracy is in [0, 1], got " + accuracy);
    }
    return new RunReport(name, curves, diagnosis, weightsFromEpoch, OptionalDouble.of(accuracy), configuration,
        manifest);
  }

  /** This report with its configuration table. */
  public RunReport withConfiguration(Map<String, String> table) {
    return new RunReport(name, curves, diagnosis, weightsFromEpoch, majorityBaseline, table, manifest);
  }

  /** This report with its manifest table. */
  public RunReport withManifest(Map<String, String> table) {
    return new RunReport(name, curves, diagnosis, weightsFromEpoch, majorityBaseline, configuration, table);
  }

  /** The standard deviation of each epoch's batch losses, when the curves carry it. */
  public Optional<List<Double>> trainLossStd() {
    return Optional.ofNullable(curves.metrics().get(TRAIN_LOSS_STD));
  }

  /** Each epoch's gradient noise scale, when the curves carry it. */
  public Optional<List<Double>> noiseScale() {
    return Optional.ofNullable(curves.metrics().get(NOISE_SCALE));
  }

  /** Each epoch's learning rate, when the curves carry it. */
  public Optional<List<Double>> learningRate() {
    List<Double> lr = curves.metrics().get(LEARNING_RATE);
    return Optional.ofNullable(lr != null ? lr : curves.metrics().get("lr"));
  }

  /** Whether the learning rate is known and changes during the run. */
  public boolean learningRateChanges() {
    return learningRate().map(lr -> lr.stream().distinct().count() > 1).orElse(false);
  }

  /**
   * The metric panels besides accuracy, by metric name: for each {@code val_M} metric the pair
   * {@code (train_M or M, val_M)}; the training series is empty when there is none.
   */
  public Map<String, List<List<Double>>> metricPairs() {
    Map<String, List<Double>> m = curves.metrics();
    Map<String, List<List<Double>>> pairs = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : m.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith("val_") || key.contains("loss")) {
        continue;
      }
      String base = key.substring(4);
      if (NOT_PANELS.contains(base)) {
        continue;
      }
      List<Double> train = m.containsKey("train_" + base) ? m.get("train_" + base) : m.get(base);
      List<List<Double>> pair = new ArrayList<>();
      pair.add(train == null ? List.of() : train);
      pair.add(e.getValue());
      pairs.put(base, pair);
    }
    return pairs;
  }
}
