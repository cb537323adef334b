package dev.disciplina.cli;

import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import java.util.List;
import java.util.Locale;

/**
 * An {@code --optimizer} with its learning rate and weight decay; a NaN weight decay keeps the
 * optimizer's own default (0, or 0.01 for AdamW).
 */
record OptimizerSpec(String name, double learningRate, double weightDecay)
    implements java.io.Serializable {

  static final List<String> NAMES = List.of("sgd", "momentum", "adam", "adamw");

  OptimizerSpec {
    name = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new UsageException("unknown optimizer '" + name + "'; use sgd, momentum, adam or adamw");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new UsageException("--lr must be a number > 0, got " + learningRate);
    }
    if (!Double.isNaN(weightDecay) && (!(weightDecay >= 0) || Double.isInfinite(weightDecay))) {
      throw new UsageException("--weight-decay must be a number >= 0, got " + weightDecay);
    }
  }

  /** The learning rate each optimizer is given when {@code --lr} is not. */
  static double defaultRate(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> 0.1;
      case "momentum" -> 0.01;
      default -> 0.001;
    };
  }

  Optimizer build(Module model) {
    boolean decay = !Double.isNaN(weightDecay);
    return switch (name) {
      case "sgd", "momentum" -> {
        Sgd.Builder b = Sgd.builder(model.parameters()).learningRate(learningRate)
            .momentum(name.equals("momentum") ? 0.9 : 0);
        yield (decay ? b.weightDecay(weightDecay) : b).build();
      }
      default -> {
        Adam.Builder b = name.equals("adamw") ? Adam.adamW(model.parameters())
            : Adam.adam(model.parameters());
        b.learningRate(learningRate);
        yield (decay ? b.weightDecay(weightDecay) : b).build();
      }
    };
  }

  @Override
  public String toString() {
    return name + " lr " + learningRate + (weightDecay > 0 && !Double.isNaN(weightDecay) ? " weight decay " + weightDecay : "");
  }
}
