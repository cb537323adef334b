package dev.disciplina.trainer.manifest;

import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An observer that writes a run's manifest: once when training starts (with no outcome, so a
 * killed run still says what it was) and again when it ends, with the stop reason, the best
 * epoch and the verdict. It reads the context; it changes nothing.
 *
 * <p>One recorder serves one run, on the trainer's thread.
 */
public final class ManifestRecorder implements TrainingListener {

  private final Path file;
  private final Map<String, String> configuration;
  private final String dataName;
  private final String dataSource;
  private final String schedule;
  private RunManifest manifest;

  /**
   * A recorder writing {@code file}.
   *
   * @param configuration the settings that decide the run, by option name, effective values
   * @param dataName the dataset's name as the user gave it
   * @param dataSource where the data came from
   * @param schedule the learning-rate schedule, or {@code constant}
   */
  public ManifestRecorder(Path file, Map<String, String> configuration, String dataName,
      String dataSource, String schedule) {
    this.file = Objects.requireNonNull(file, "file");
    this.configuration = new LinkedHashMap<>(configuration);
    this.dataName = Objects.requireNonNull(dataName, "dataName");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The manifest as last written; null before the run starts. */
  public RunManifest manifest() {
    return manifest;
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    String engine = Backends.info(context.backendName())
        .map(i -> i.availability().detail()).orElse(context.backendName());
    RunManifest.DataIdentity data = new RunManifest.DataIdentity(dataName, dataSource,
        context.train().featureCount(),
        context.train().isClassification() ? context.train().classCount() : 0,
        context.train().size(), context.validation().size(),
        Hashing.datasetHash(context.train()), Hashing.datasetHash(context.validation()));
    manifest = new RunManifest(RunManifest.SCHEMA, context.runId(), configuration,
        Hashing.configurationHash(configuration), context.config().seed(),
        new RunManifest.BackendInfo(context.backendName(), engine), data,
        summary(context.model()), String.valueOf(context.optimizer()), schedule, environment(),
        now(), null, null, null, null);
    write();
  }

  @Override
  public void onTrainEnd(TrainingContext context, History history) {
    Integer best = history.bestEpoch().isPresent() ? history.bestEpoch().getAsInt() : null;
    String verdict = history.size() == 0 ? null : history.diagnose().verdict().name();
    manifest = manifest.withOutcome(now(), history.stopReason().name()
        .toLowerCase(Locale.ROOT).replace('_', ' '), best, verdict);
    write();
  }

  private void write() {
    try {
      RunManifests.write(manifest, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run manifest " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** The model's top-level layers with their parameters' shapes. */
  public static RunManifest.ModelSummary summary(Module model) {
    List<RunManifest.Layer> layers = new ArrayList<>();
    Map<String, Module> children = model.children();
    if (children.isEmpty()) {
      layers.add(layer("0", model));
    } else {
      children.forEach((name, child) -> layers.add(layer(name, child)));
    }
    return new RunManifest.ModelSummary(layers, model.parameterCount());
  }

  private static RunManifest.Layer layer(String name, Module m) {
    Map<String, List<Integer>> shapes = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
      int[] dims = p.getValue().shape().toArray();
      List<Integer> list = new ArrayList<>();
      for (int d : dims) {
        list.add(d);
      }
      shapes.put(p.getKey(), list);
    }
    return new RunManifest.Layer(name, m.toString(), shapes);
  }

  /** Versions of Disciplina, Java and the OS, and the cores of this JVM. */
  public static RunManifest.Environment environment() {
    return new RunManifest.Environment(Version.disciplina(),
        System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
            + System.getProperty("java.vendor", "unknown vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
