package dev.disciplina.cli;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import dev.disciplina.trainer.manifest.ManifestException;
import dev.disciplina.trainer.manifest.RunManifest;
import dev.disciplina.trainer.manifest.RunManifests;
import dev.disciplina.trainer.noise.NoiseScaleEstimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run as {@code compare} and {@code sweep} read it: a run directory ({@code run.json} and
 * {@code history.csv}), a manifest (with the history beside it), or any curve log the
 * diagnostics readers accept (then without a manifest: its configuration is unknown).
 *
 * @param label how the run is named in tables: its directory, or its file
 * @param manifest the run's manifest, or null for a bare log
 * @param curves its learning curves
 * @param diagnosis the diagnosis of those curves
 * @param noiseScale its per-epoch gradient noise scale, when it was measured
 */
record ComparedRun(String label, RunManifest manifest, LearningCurves curves,
    Diagnosis diagnosis, List<NoiseScaleEstimate> noiseScale) {

  /** Reads the run {@code path} names; a problem is a one-line {@link UsageException}. */
  static ComparedRun read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        return fromRunDirectory(path, path);
      }
      if (!Files.exists(path)) {
        throw new UsageException(path + ": no such file or directory");
      }
      if (looksLikeManifest(path)) {
        Path dir = path.toAbsolutePath().getParent();
        return fromRunDirectory(dir, path);
      }
      LearningCurves curves = CurveReaders.read(path);
      return new ComparedRun(path.toString(), null, curves, Diagnostics.diagnose(curves),
          List.of());
    } catch (CurveReadException | ManifestException e) {
      throw new UsageException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static ComparedRun fromRunDirectory(Path dir, Path named)
      throws IOException, CurveReadException {
    Path manifestFile = Files.isDirectory(named) ? named.resolve(RunManifests.FILE_NAME) : named;
    Path historyFile = dir.resolve(RunRecording.HISTORY);
    if (!Files.exists(historyFile)) {
      throw new UsageException(named + ": no " + RunRecording.HISTORY + " beside the manifest"
          + " (is it a run directory of 'disciplina train --run-dir'?)");
    }
    RunManifest manifest = Files.exists(manifestFile) ? RunManifests.read(manifestFile) : null;
    LearningCurves curves = CurveReaders.read(historyFile);
    if (manifest != null && manifest.data().classes() >= 2) {
      curves = curves.withClasses(manifest.data().classes());
    }
    List<NoiseScaleEstimate> noise = NoiseScaleTable.read(dir.resolve(RunRecording.NOISE_SCALE));
    return new ComparedRun(named.toString(), manifest, curves, Diagnostics.diagnose(curves),
        noise);
  }

  /** A JSON file whose first characters look like a manifest's. */
  private static boolean looksLikeManifest(Path file) throws IOException {
    if (!file.getFileName().toString().endsWith(".json")) {
      return false;
    }
    byte[] head = new byte[256];
    int n;
    try (var in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String text = new String(head, 0, n, StandardCharsets.UTF_8);
    return text.contains("\"schema\"") && text.contains("\"run_id\"");
  }
}
