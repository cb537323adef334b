package dev.disciplina.examples;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.EarlyStopping;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.HistoryCsv;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The README's library example: an MLP trained on the embedded digits with {@link Trainer}. */
public final class TrainDigits {

  private TrainDigits() {}

  /**
   * Trains, writes the history to {@code args[0]} (default {@code history.csv}) and prints the
   * diagnosis.
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "history.csv");
    History history = train(out);
    System.out.println(history.diagnose().summary());
  }

  /** The example's body: returns the history it wrote to {@code out}. */
  public static History train(Path out) throws IOException {
    Split split = Split.random(EmbeddedDatasets.digits(), 0.2, 0, Rng.seeded(1)).standardized();
    Experiment mlp = Experiment.of(
        rng -> new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng)),
        model -> Adam.adam(model.parameters()).learningRate(1e-3).build(),
        Loss.softmaxCrossEntropy());
    TrainingConfig config = TrainingConfig.builder().epochs(20).batchSize(32).seed(1)
        .earlyStopping(EarlyStopping.patience(5)).build();
    History history = new Trainer(config, Backends.named("cpu"), List.of()).fit(mlp, split);
    new HistoryCsv(List.of("accuracy")).write(history, out);
    return history;
  }
}
