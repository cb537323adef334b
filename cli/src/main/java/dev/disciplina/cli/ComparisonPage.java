package dev.disciplina.cli;

import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.report.ReportPage;
import dev.disciplina.report.RunReport;
import dev.disciplina.report.TerminalPlot;
import dev.disciplina.trainer.manifest.RunManifest;
import dev.disciplina.trainer.noise.NoiseScaleEstimate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of {@code compare} and {@code sweep}: the runs overlaid on one HTML page (the
 * report module's comparison page, with a noise-scale panel when it was measured) and in
 * terminal plots.
 */
final class ComparisonPage {

  /** The curves' metric holding the per-epoch gradient noise scale, when it was measured. */
  static final String NOISE_SCALE = RunReport.NOISE_SCALE;

  private ComparisonPage() {}

  /** Writes the comparison page of {@code runs} to {@code file}, atomically. */
  static void write(List<ComparedRun> runs, Path file) throws IOException {
    List<RunReport> reports = new ArrayList<>();
    for (ComparedRun r : runs) {
      RunReport report = RunReport.of(r.label(), withNoiseScale(r)).withDiagnosis(r.diagnosis());
      if (r.manifest() != null) {
        report = report.withConfiguration(r.manifest().configuration())
            .withManifest(table(r.manifest()));
      }
      reports.add(report);
    }
    ReportPage.comparison(reports).write(file);
  }

  /** The validation and training losses of {@code runs} overlaid, as two terminal plots. */
  static String plots(List<ComparedRun> runs) {
    TerminalPlot.Builder val = TerminalPlot.builder().title("validation loss");
    TerminalPlot.Builder train = TerminalPlot.builder().title("training loss");
    for (ComparedRun r : runs) {
      LearningCurves c = r.curves();
      double[] x = c.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
      val.series(r.label(), x, c.valLoss().stream().mapToDouble(Double::doubleValue).toArray());
      train.series(r.label(), x,
          c.trainLoss().stream().mapToDouble(Double::doubleValue).toArray());
    }
    return val.build().render() + "\n" + train.build().render();
  }

  /** The run's curves with the noise scale as one more per-epoch metric, when it was measured. */
  private static LearningCurves withNoiseScale(ComparedRun r) {
    LearningCurves c = r.curves();
    if (r.noiseScale().size() != c.size()) {
      return c;
    }
    List<Double> values = r.noiseScale().stream().map(NoiseScaleEstimate::noiseScale).toList();
    Map<String, List<Double>> metrics = new LinkedHashMap<>(c.metrics());
    metrics.put(NOISE_SCALE, values);
    return new LearningCurves(c.epochs(), c.trainLoss(), c.valLoss(), c.trainEvalLoss(),
        c.trainAccuracy(), c.valAccuracy(), metrics, c.classes());
  }

  /** The manifest as a table of name-value pairs, the configuration left to its own table. */
  static Map<String, String> table(RunManifest m) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("run id", m.runId());
    t.put("configuration hash", m.configurationHash());
    t.put("seed", String.valueOf(m.seed()));
    t.put("backend", m.backend().name() + " (" + m.backend().engine() + ")");
    t.put("data", m.data().name() + " from " + m.data().source() + ": " + m.data().trainSize()
        + " training, " + m.data().validationSize() + " validation examples, "
        + m.data().features() + " features" + (m.data().classes() > 0 ? ", "
        + m.data().classes() + " classes" : ""));
    t.put("training data sha256", m.data().trainSha256());
    t.put("validation data sha256", m.data().validationSha256());
    StringBuilder layers = new StringBuilder();
    for (RunManifest.Layer l : m.model().layers()) {
      layers.append(layers.length() == 0 ? "" : ", ").append(l.description());
    }
    t.put("model", layers + " (" + m.model().parameterCount() + " parameters)");
    t.put("optimizer", m.optimizer());
    t.put("schedule", m.schedule());
    t.put("Disciplina", m.environment().disciplina());
    t.put("Java", m.environment().java());
    t.put("OS", m.environment().os() + ", " + m.environment().cores() + " cores");
    t.put("started", m.startTime());
    t.put("ended", m.endTime() == null ? "(running)" : m.endTime());
    t.put("stop reason", m.stopReason() == null ? "(running)" : m.stopReason());
    t.put("best epoch", m.bestEpoch() == null ? "-" : String.valueOf(m.bestEpoch()));
    t.put("verdict", m.verdict() == null ? "-" : m.verdict());
    return t;
  }
}
