package dev.disciplina.trainer.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training run was, written as {@code run.json}: enough to rerun it and to say what
 * differs between two runs. Modelled on Tribuo's {@code ModelProvenance} and
 * {@code DatasetProvenance}.
 *
 * <p>{@link #configuration()} holds every setting that decides the run, by the name of its
 * command-line option ({@code lr}, {@code batch-size}, ...), with effective values (a default
 * learning rate is written as the rate used); {@link #configurationHash()} is the SHA-256 of it.
 * The outcome fields ({@code endTime}, {@code stopReason}, {@code bestEpoch}, {@code verdict})
 * are null while the run is going on. Immutable.
 *
 * @param schema the manifest format's version ({@value #SCHEMA})
 * @param runId the run's id
 * @param configuration the settings that decide the run, by option name, in a stable order
 * @param configurationHash SHA-256 of {@code configuration} ({@link Hashing#configurationHash})
 * @param seed the run's seed
 * @param backend the backend and its engine
 * @param data the identity of the data
 * @param model the model's layers and parameter count
 * @param optimizer the optimizer, as it describes itself
 * @param schedule the learning-rate schedule ({@code constant} when there is none)
 * @param environment versions of Disciplina, Java and the OS, and the cores
 * @param startTime when training started (ISO-8601, UTC)
 * @param endTime when it ended, or null while it runs
 * @param stopReason why it ended ({@code completed}, {@code early stopped}, ...), or null
 * @param bestEpoch the epoch of lowest validation loss, or null
 * @param verdict the diagnosis's verdict, or null
 */
public record RunManifest(
    int schema,
    String runId,
    Map<String, String> configuration,
    String configurationHash,
    long seed,
    BackendInfo backend,
    DataIdentity data,
    ModelSummary model,
    String optimizer,
    String schedule,
    Environment environment,
    String startTime,
    String endTime,
    String stopReason,
    Integer bestEpoch,
    String verdict) {

  /** The format version this code writes and reads. */
  public static final int SCHEMA = 1;

  public RunManifest {
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
  }

  /** This manifest with the run's outcome filled in. */
  public RunManifest withOutcome(String end, String stop, Integer best, String verdictName) {
    return new RunManifest(schema, runId, configuration, configurationHash, seed, backend, data,
        model, optimizer, schedule, environment, startTime, end, stop, best, verdictName);
  }

  /**
   * The backend a run trained on.
   *
   * @param name the backend's name ({@code cpu}, {@code nd4j}, {@code djl})
   * @param engine the engine and its version, as the backend describes itself
   */
  public record BackendInfo(String name, String engine) {}

  /**
   * The data a run trained and validated on.
   *
   * @param name the dataset's name
   * @param source where it came from ({@code embedded}, a file path, a package directory)
   * @param features the number of input features
   * @param classes the number of classes, or 0 for regression
   * @param trainSize training examples
   * @param validationSize validation examples
   * @param trainSha256 SHA-256 of the training split's content ({@link Hashing#datasetHash})
   * @param validationSha256 SHA-256 of the validation split's content
   */
  public record DataIdentity(String name, String source, int features, int classes,
      int trainSize, int validationSize, String trainSha256, String validationSha256) {}

  /**
   * The model's layers.
   *
   * @param layers one entry per top-level layer, in order
   * @param parameterCount the number of trainable values
   */
  public record ModelSummary(List<Layer> layers, long parameterCount) {
    public ModelSummary {
      layers = List.copyOf(layers);
    }
  }

  /**
   * One layer of a model.
   *
   * @param name its name in the model ({@code 0}, {@code 1}, ...)
   * @param description what it is, such as {@code Linear(64 -> 32)}
   * @param parameters the shapes of its parameters, by name
   */
  public record Layer(String name, String description, Map<String, List<Integer>> parameters) {
    public Layer {
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
  }

  /**
   * Where a run ran.
   *
   * @param disciplina Disciplina's version
   * @param java the Java runtime's version and vendor
   * @param os the operating system's name, version and architecture
   * @param cores the processors available to the JVM
   */
  public record Environment(String disciplina, String java, String os, int cores) {}
}
