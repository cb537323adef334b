package dev.disciplina.cli;

import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.GradientHook;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import dev.disciplina.trainer.manifest.ManifestRecorder;
import dev.disciplina.trainer.manifest.RunManifests;
import dev.disciplina.trainer.noise.NoiseScaleEstimate;
import dev.disciplina.trainer.noise.NoiseScaleMeter;
import dev.disciplina.trainer.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code train --run-dir DIR} and {@code --measure-noise-scale} add to a run: the manifest
 * recorder, the noise-scale meter with its per-epoch line, and the files they leave in the run
 * directory ({@code run.json}, {@code history.csv}, {@code noise-scale.csv}).
 */
final class RunRecording {

  /** The history's file name inside a run directory. */
  static final String HISTORY = "history.csv";
  /** The noise-scale table's file name inside a run directory. */
  static final String NOISE_SCALE = "noise-scale.csv";

  private final Path runDir;
  private final NoiseScaleMeter noise;
  private final List<TrainingListener> listeners = new ArrayList<>();

  private RunRecording(Path runDir, NoiseScaleMeter noise) {
    this.runDir = runDir;
    this.noise = noise;
  }

  /**
   * The recording {@code options} ask for.
   *
   * @param configuration the run's configuration, as the manifest records it
   */
  static RunRecording of(RunOptions options, Map<String, String> configuration,
      DatasetSpec data, PrintWriter out) {
    Path dir = options.runDir;
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException("--run-dir " + dir + ": not a directory");
    }
    NoiseScaleMeter meter = options.measureNoiseScale ? new NoiseScaleMeter() : null;
    RunRecording r = new RunRecording(dir, meter);
    if (dir != null) {
      String source = data.path() != null ? data.path().toAbsolutePath().toString()
          : data.kind().equals("fashion-mnist") ? FashionMnist.DEBIAN_DIRECTORY.toString()
          : "embedded";
      r.listeners.add(new ManifestRecorder(dir.resolve(RunManifests.FILE_NAME), configuration,
          data.toString(), source, "constant"));
    }
    if (meter != null) {
      r.listeners.add(meter);
      r.listeners.add(new TrainingListener() {
        @Override
        public void onEpochEnd(TrainingContext context, EpochResult epoch) {
          NoiseScaleEstimate e = meter.latest();
          if (e != null) {
            out.println("  " + describe(e));
            out.flush();
          }
        }
      });
    }
    return r;
  }

  /** The checkpoints' directory inside a run directory. */
  static final String CHECKPOINTS = "checkpoints";

  /** The report page's file name inside a run directory. */
  static final String REPORT = "report.html";

  /** The report page: the one given, else the run directory's, else none. */
  Path report(Path given) {
    return given != null || runDir == null ? given : runDir.resolve(REPORT);
  }

  /** The history file: the one given, else the run directory's, else none. */
  Path history(Path given) {
    return given != null || runDir == null ? given : runDir.resolve(HISTORY);
  }

  /** The noise-scale estimates, one per epoch; empty when not measured. */
  List<NoiseScaleEstimate> noiseScale() {
    return noise == null ? List.of() : noise.estimates();
  }

  /** The gradient hooks to add to the run. */
  List<GradientHook> hooks() {
    return noise == null ? List.of() : List.of(noise);
  }

  /** The listeners to add to the run. */
  List<TrainingListener> listeners() {
    return listeners;
  }

  /** Writes what is left to write once the run has ended and says where it went. */
  void finish(PrintWriter out) throws IOException {
    if (noise != null && runDir != null) {
      AtomicFiles.write(runDir.resolve(NOISE_SCALE),
          NoiseScaleTable.format(noise.estimates()).getBytes(StandardCharsets.UTF_8));
    }
    if (runDir != null) {
      out.println("run directory: " + runDir);
    }
  }

  /** One estimate as the per-epoch line prints it. */
  static String describe(NoiseScaleEstimate e) {
    if (!e.resolved()) {
      return String.format(Locale.ROOT, "noise scale: not resolved at batch %d (|G|^2 estimate "
          + "%.3g over %d pairs of steps: the noise swamps the gradient)", e.batchSize(),
          e.gradientSquaredNorm(), e.pairs());
    }
    return String.format(Locale.ROOT, "noise scale: B_simple %.4g +- %.2g (batch %d, %d pairs "
        + "of steps; tr(S) %.4g, |G|^2 %.4g)", e.noiseScale(), e.standardError(), e.batchSize(),
        e.pairs(), e.traceCovariance(), e.gradientSquaredNorm());
  }
}
