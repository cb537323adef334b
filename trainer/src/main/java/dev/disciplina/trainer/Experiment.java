package dev.disciplina.trainer;

import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import java.util.Objects;
import java.util.function.Function;

/**
 * What to train, as factories, so that the {@link Trainer} can build it inside a model scope on
 * its backend and hand it the run's seeded generator: the same seed then gives the same initial
 * weights and dropout masks as well as the same shuffles.
 */
public interface Experiment {

  /** Builds the model; every random draw (initial weights, dropout masks) comes from {@code rng}. */
  Module model(Rng rng);

  /** Builds the optimizer over {@code model}'s parameters. */
  Optimizer optimizer(Module model);

  /** The loss to train with. */
  Loss loss();

  /** An experiment from three parts. */
  static Experiment of(Function<Rng, Module> model, Function<Module, Optimizer> optimizer,
      Loss loss) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(loss, "loss");
    return new Experiment() {
      @Override
      public Module model(Rng rng) {
        return model.apply(rng);
      }

      @Override
      public Optimizer optimizer(Module m) {
        return optimizer.apply(m);
      }

      @Override
      public Loss loss() {
        return loss;
      }
    };
  }
}
