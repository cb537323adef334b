package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.report.RunReport;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.StopReason;
import dev.disciplina.trainer.manifest.RunManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns the command line's runs into {@link RunReport}s: the curves from {@link History#curves()}
 * (the one conversion from epochs to curves), the configuration table from the {@link Recipe},
 * and the majority-class baseline from the split.
 */
final class RunReports {

  private RunReports() {}

  /** The report of a finished run. */
  static RunReport finished(String name, History h, Map<String, String> configuration, OptionalDouble majority) {
    RunReport r = RunReport.of(name, h.curves()).withDiagnosis(h.diagnose())
        .withWeightsFromEpoch(h.weightsFromEpoch()).withConfiguration(withStop(configuration, h));
    return majority.isPresent() ? r.withMajorityBaseline(majority.getAsDouble()) : r;
  }

  /** The report of a run after the epochs it has finished so far. */
  static RunReport inProgress(String name, List<EpochResult> epochs, int classes, Map<String, String> configuration,
      OptionalDouble majority) {
    int last = epochs.get(epochs.size() - 1).epoch();
    LearningCurves curves = new History(epochs, StopReason.COMPLETED, "in progress", classes, List.of(), last)
        .curves();
    Map<String, String> c = new LinkedHashMap<>(configuration);
    c.put("status", "running: " + epochs.size() + " epoch" + (epochs.size() == 1 ? "" : "s") + " done");
    RunReport r = RunReport.of(name, curves).withDiagnosis(Diagnostics.diagnose(curves)).withConfiguration(c);
    return majority.isPresent() ? r.withMajorityBaseline(majority.getAsDouble()) : r;
  }

  private static Map<String, String> withStop(Map<String, String> configuration, History h) {
    Map<String, String> c = new LinkedHashMap<>(configuration);
    c.put("status", h.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " after " + h.size()
        + " epochs (" + h.stopDetail() + "), " + String.format(Locale.ROOT, "%.1f s", h.seconds()));
    return c;
  }

  /**
   * The accuracy on the validation split of always predicting the training split's most frequent
   * class; empty for regression.
   */
  static OptionalDouble majorityBaseline(Split split) {
    Dataset train = split.train();
    Dataset val = split.validation();
    if (!train.isClassification() || val.isEmpty()) {
      return OptionalDouble.empty();
    }
    int[] counts = train.classCounts();
    int majority = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[majority]) {
        majority = k;
      }
    }
    return OptionalDouble.of((double) val.classCounts()[majority] / val.size());
  }

  /** A run manifest as a table for the page: identity, backend, data, model, environment, times. */
  static Map<String, String> manifestTable(RunManifest m) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("run id", m.runId());
    t.put("configuration hash", m.configurationHash());
    t.put("seed", Long.toString(m.seed()));
    t.put("backend", m.backend().name() + " (" + m.backend().engine() + ")");
    RunManifest.DataIdentity d = m.data();
    t.put("data", d.name() + " from " + d.source() + ": " + d.trainSize() + " training, " + d.validationSize()
        + " validation examples");
    t.put("training split sha256", d.trainSha256());
    t.put("validation split sha256", d.validationSha256());
    t.put("model", m.model().layers().size() + " layers, " + m.model().parameterCount() + " parameters");
    t.put("optimizer", m.optimizer());
    t.put("schedule", m.schedule());
    RunManifest.Environment e = m.environment();
    t.put("environment", "disciplina " + e.disciplina() + ", Java " + e.java() + ", " + e.os() + ", " + e.cores()
        + " cores");
    t.put("started", m.startTime());
    t.put("ended", m.endTime());
    t.put("stop reason", m.stopReason());
    return t;
  }

  /** The configuration table of a run. */
  static Map<String, String> configuration(Recipe recipe, String dataset, String backend, Split split) {
    Map<String, String> c = new LinkedHashMap<>();
    Dataset data = recipe.data();
    c.put("dataset", dataset + ": " + split.train().size() + " training and " + split.validation().size()
        + " validation examples, " + data.featureCount() + " features, "
        + (data.isClassification() ? data.classCount() + " classes" : "regression"));
    c.put("model", recipe.model().toString());
    c.put("optimizer", recipe.optimizer().toString());
    c.put("epochs", Integer.toString(recipe.epochs()));
    c.put("batch size", Integer.toString(recipe.batchSize()));
    c.put("seed", Long.toString(recipe.seed()));
    c.put("validation fraction", Double.toString(recipe.validationFraction()));
    if (recipe.trainLimit() > 0) {
      c.put("training examples limit", Integer.toString(recipe.trainLimit()));
    }
    if (recipe.earlyStoppingPatience() > 0) {
      c.put("early stopping patience", Integer.toString(recipe.earlyStoppingPatience()));
    }
    c.put("backend", backend);
    return c;
  }
}
