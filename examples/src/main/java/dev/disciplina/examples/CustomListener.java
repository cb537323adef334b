package dev.disciplina.examples;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A custom observer: a {@link TrainingListener} sees every epoch (and batch) boundary but may not
 * change the model; this one records one line per epoch with the generalization gap.
 */
public final class CustomListener {

  private CustomListener() {}

  /** Records {@code epoch N: gap X} per epoch. */
  public static final class GapRecorder implements TrainingListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult e) {
      lines.add(String.format(Locale.ROOT, "epoch %d: gap %.4f", e.epoch(),
          e.validationLoss() - e.trainLoss()));
    }

    public List<String> lines() {
      return List.copyOf(lines);
    }
  }

  public static void main(String[] args) {
    run(5).forEach(System.out::println);
  }

  /** The example's body: trains a linear model on iris for {@code epochs} and returns the lines. */
  public static List<String> run(int epochs) {
    Split split = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)).standardized();
    Experiment linear = Experiment.of(rng -> new Linear(4, 3, rng),
        model -> Adam.adam(model.parameters()).learningRate(1e-2).build(),
        Loss.softmaxCrossEntropy());
    GapRecorder gaps = new GapRecorder();
    TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(16).seed(1).build();
    new Trainer(config, Backends.named("cpu"), List.of(gaps)).fit(linear, split);
    return gaps.lines();
  }
}
