package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Evaluator;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checks look at: the experiment (to build fresh models and optimizers), the splits, and
 * the run's seed, batch size and backend. Models are built from the same seed as the run, so the
 * checks see the initial weights training will start from.
 *
 * @param experiment builds the model, optimizer and loss
 * @param train the training split
 * @param validation the validation split
 * @param test the test split, if any
 * @param seed the run's seed
 * @param batchSize the run's batch size
 * @param backend the backend the run trains on
 */
public record PreflightSubject(Experiment experiment, Dataset train, Dataset validation,
    Optional<Dataset> test, long seed, int batchSize, Backend backend) {

  public PreflightSubject {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(backend, "backend");
    if (batchSize < 1) {
      throw new IllegalArgumentException("preflight: batch size must be at least 1, got " + batchSize);
    }
  }

  public Loss loss() {
    return experiment.loss();
  }

  /** The target encoding the loss declares for the training data. */
  public TargetEncoding encoding() {
    return Evaluator.encodingFor(loss(), train);
  }

  /** A scope on the run's backend; build models and tensors inside it. */
  public Scope openScope() {
    return Scope.open(backend);
  }

  /** A fresh model with the run's initial weights, in the current scope. */
  public Module freshModel() {
    return experiment.model(Rng.seeded(seed).split("model"));
  }

  /** A fresh model with other initial weights (seeded by {@code purpose}), in the current scope. */
  public Module otherModel(String purpose) {
    return experiment.model(Rng.seeded(seed).split("preflight " + purpose));
  }

  /** One fixed batch of training examples: the run's batch size, drawn by the seed. */
  public Dataset fixedBatch() {
    return sample(train, batchSize, "batch");
  }

  /** At most {@code n} examples of {@code data}, drawn by the seed, in dataset order. */
  public Dataset sample(Dataset data, int n, String purpose) {
    if (data.size() <= n) {
      return data;
    }
    int[] pick = Arrays.copyOf(
        Rng.seeded(seed).split("preflight " + purpose).permutation(data.size()), n);
    Arrays.sort(pick);
    return data.subset(data.name() + " (" + n + " for preflight)", pick);
  }

  /** A trainer for a brief preflight run: no listeners, no early stopping, no train-eval pass. */
  public Trainer trainer(int epochs, int batch, boolean shuffle) {
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batch).seed(seed)
        .shuffle(shuffle).trainEvalSize(0).build();
    return new Trainer(config, backend, List.of());
  }
}
