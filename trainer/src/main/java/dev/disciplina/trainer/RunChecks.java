package dev.disciplina.trainer;

import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import java.util.List;

/** The checks a run makes before its first batch, each failing with a one-line reason. */
final class RunChecks {

  private RunChecks() {}

  static void data(Dataset train, Dataset validation) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the training dataset '" + train.name() + "' is empty");
    }
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("the validation dataset '" + validation.name()
          + "' is empty");
    }
    if (train.featureCount() != validation.featureCount()
        || train.isClassification() != validation.isClassification()
        || train.classCount() != validation.classCount()) {
      throw new IllegalArgumentException("training and validation data do not match: "
          + train + " vs " + validation);
    }
  }

  /** The backend of the model's parameters, which must be that of the open scope. */
  static Backend backendOf(Module model) {
    List<Parameter> params = model.parameters();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("the model " + model + " has no parameters to train");
    }
    Backend b = params.get(0).value().backend();
    if (!Scope.isOpen() || Scope.current().backend() != b) {
      throw new IllegalStateException("fit: the model's parameters are on backend '"
          + b.name() + "'; call fit inside an open Scope of that backend (the scope "
          + "the model was built in), or use fit(Experiment, ...)");
    }
    return b;
  }

  static void batches(Batching batching, TrainingConfig config, Dataset train) {
    if (batching.batchesPerEpoch(train.size()) == 0) {
      throw new IllegalArgumentException("drop-last with batch size " + config.batchSize()
          + " leaves no batch of the " + train.size() + " training examples");
    }
  }
}
