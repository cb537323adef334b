package dev.disciplina.trainer;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.trainer.checkpoint.Safetensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One checkpoint as read from its directory ({@link Checkpoints#read(Path)}): the configuration
 * of the run that wrote it, the caller's description of the run (the command line keeps its
 * options there), the loop state, and the model's weights.
 *
 * @param directory where it was read from
 * @param config the configuration, as {@link #describe(TrainingConfig, Dataset, Dataset)} wrote it
 * @param run free-form strings the writer was given
 * @param state the loop state, tensors included
 * @param model the model's weights, by state_dict name
 */
public record Checkpoint(Path directory, Map<String, String> config, Map<String, String> run,
    LoopState state, Safetensors model) {

  public Checkpoint {
    Objects.requireNonNull(directory, "directory");
    config = Map.copyOf(config);
    run = Map.copyOf(run);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(model, "model");
  }

  /**
   * A configuration and the data it trains on, as strings, for {@code state.json}: everything
   * that decides the run's numbers. A schedule is a function and is recorded only as present.
   */
  public static Map<String, String> describe(TrainingConfig c, Dataset train,
      Dataset validation) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("epochs", Integer.toString(c.epochs()));
    m.put("batch_size", Integer.toString(c.batchSize()));
    m.put("seed", Long.toString(c.seed()));
    m.put("shuffle", Boolean.toString(c.shuffle()));
    m.put("drop_last", Boolean.toString(c.dropLast()));
    m.put("clipping", c.clipping().toString());
    m.put("accumulate_batches", Integer.toString(c.accumulateBatches()));
    m.put("shards", Integer.toString(c.sharding().count()));
    m.put("early_stopping", c.earlyStopping().map(Object::toString).orElse("none"));
    m.put("stop_on_diagnosis", Boolean.toString(c.stopOnDiagnosis()));
    m.put("max_time", c.maxTime().map(Object::toString).orElse("none"));
    m.put("schedule", c.schedule().isPresent() ? "present" : "none");
    m.put("eval_batch_size", Integer.toString(c.evalBatchSize()));
    m.put("train_eval_size", Integer.toString(c.trainEvalSize()));
    m.put("target_encoding", c.targetEncoding().map(Enum::name).orElse("from the loss"));
    m.put("train_examples", Integer.toString(train.size()));
    m.put("validation_examples", Integer.toString(validation.size()));
    m.put("features", Integer.toString(train.featureCount()));
    return m;
  }

  /**
   * Fails, naming the first difference, unless {@code config} on this data is the configuration
   * this checkpoint was written under; only the number of epochs may differ (to extend a run).
   */
  public void requireSameRun(TrainingConfig c, Dataset train, Dataset validation)
      throws CheckpointException {
    Map<String, String> now = describe(c, train, validation);
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (e.getKey().equals("epochs")) {
        continue;
      }
      String saved = config.get(e.getKey());
      if (!e.getValue().equals(saved)) {
        throw new CheckpointException(directory.resolve(Checkpoints.STATE), "the checkpoint was "
            + "written with " + e.getKey() + " " + saved + ", this run has " + e.getValue()
            + ": resuming would change the run");
      }
    }
    if (c.epochs() < state.epoch() - 1) {
      throw new CheckpointException(directory.resolve(Checkpoints.STATE), "the checkpoint has "
          + (state.epoch() - 1) + " epochs done; " + c.epochs() + " epochs would undo them");
    }
  }

  /** The number of epochs the run that wrote this checkpoint was configured for. */
  public int configuredEpochs() {
    return Integer.parseInt(config.getOrDefault("epochs", "0"));
  }
}
