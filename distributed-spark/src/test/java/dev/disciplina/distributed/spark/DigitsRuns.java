package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.ShardReducer;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.util.List;
import java.util.Map;

/** The small runs the equivalence tests compare: an MLP on (part of) the digits, on cpu. */
final class DigitsRuns {

  private DigitsRuns() {}

  static final Split DIGITS =
      Split.random(EmbeddedDatasets.digits().head(900), 0.2, 0, Rng.seeded(7)).standardized();

  /** A finished run: its history without wall times, and its final weights. */
  record Result(History history, Map<String, float[]> weights) {}

  enum Optim { SGD_MOMENTUM, ADAM }

  /** A serializable job for the tests: the digits MLP with the given optimizer. */
  record Job(Optim optim, int epochs) implements TrainingJob {
    private static final long serialVersionUID = 1L;

    @Override
    public Experiment experiment() {
      return DigitsRuns.experiment(optim);
    }

    @Override
    public TrainingConfig config() {
      return DigitsRuns.config(epochs).build();
    }

    @Override
    public String backend() {
      return "cpu";
    }
  }

  static Module mlp(Rng rng) {
    return new Sequential(new Linear(64, 32, rng), new ReLU(), new Linear(32, 10, rng));
  }

  static Experiment experiment(Optim optim) {
    return Experiment.of(DigitsRuns::mlp, m -> optim == Optim.ADAM
            ? Adam.adam(m.parameters()).learningRate(0.01).build()
            : Sgd.builder(m.parameters()).learningRate(0.05).momentum(0.9).build(),
        Loss.softmaxCrossEntropy());
  }

  static TrainingConfig.Builder config(int epochs) {
    return TrainingConfig.builder().epochs(epochs).batchSize(64).seed(5);
  }

  /** Trains in this process (plain, or sharded as {@code config} says) with {@code reducer}. */
  static Result train(Optim optim, TrainingConfig config, ShardReducer reducer) {
    Experiment e = experiment(optim);
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Module model = e.model(Rng.seeded(config.seed()).split("model"));
      History h = new Trainer(config, Backends.named("cpu"), List.of())
          .withShardReducer(reducer)
          .fit(model, e.loss(), e.optimizer(model), DIGITS.train(), DIGITS.validation());
      return new Result(h.withoutTimes(), model.stateDict());
    }
  }

  /** The number of values whose bits differ. */
  static int differingBits(Map<String, float[]> a, Map<String, float[]> b) {
    int n = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
          n++;
        }
      }
    }
    return n;
  }

  static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double max = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
