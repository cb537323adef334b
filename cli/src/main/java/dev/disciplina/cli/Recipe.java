package dev.disciplina.cli;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.trainer.EarlyStopping;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingListener;
import java.util.List;

/**
 * One training run as the command line describes it: data, split, model, optimizer and loop
 * settings. Classification trains with softmax cross-entropy, regression with mean squared error.
 */
record Recipe(
    Dataset data,
    double validationFraction,
    int trainLimit,
    ModelSpec model,
    OptimizerSpec optimizer,
    int epochs,
    int batchSize,
    long seed,
    int earlyStoppingPatience) {

  /** The split this recipe trains on: seeded, stratified, limited, then standardised on training only. */
  Split split() {
    Split s;
    try {
      s = Split.random(data, validationFraction, 0, Rng.seeded(seed).split("split"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (trainLimit > 0) {
      s = s.limitTraining(trainLimit, Rng.seeded(seed).split("train-limit"));
    }
    return s.standardized();
  }

  TrainingConfig config() {
    return config(epochs, batchSize, seed, earlyStoppingPatience);
  }

  /** The loop settings of a recipe. */
  static TrainingConfig config(int epochs, int batchSize, long seed, int earlyStoppingPatience) {
    TrainingConfig.Builder b = TrainingConfig.builder().epochs(epochs).batchSize(batchSize)
        .seed(seed);
    if (earlyStoppingPatience > 0) {
      b.earlyStopping(EarlyStopping.patience(earlyStoppingPatience));
    }
    return b.build();
  }

  Experiment experiment() {
    return experiment(model, optimizer, data.featureCount(), outputs(data),
        data.isClassification());
  }

  /** The number of outputs the model of {@code data} has. */
  static int outputs(Dataset data) {
    return data.isClassification() ? data.classCount() : data.targetWidth();
  }

  /** The model, optimizer and loss of a recipe. */
  static Experiment experiment(ModelSpec model, OptimizerSpec optimizer, int features,
      int outputs, boolean classification) {
    Loss loss = classification ? Loss.softmaxCrossEntropy() : Loss.meanSquaredError();
    return Experiment.of(rng -> model.build(features, outputs, rng), optimizer::build, loss);
  }

  /** Trains on {@code split} and returns the history. */
  History run(Backend backend, Split split, List<TrainingListener> listeners) {
    return new Trainer(config(), backend, listeners).fit(experiment(), split);
  }
}
