package dev.disciplina.cli;

import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.nn.Sigmoid;
import dev.disciplina.api.nn.Tanh;
import dev.disciplina.api.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A multi-layer perceptron: {@code mlp:H1,H2,...} hidden layers ({@code mlp:} or {@code linear}
 * for none), each {@code Linear -> [BatchNorm1d] -> activation -> [Dropout]}, then a linear
 * output layer.
 */
record ModelSpec(List<Integer> hidden, String activation, double dropout, boolean batchNorm)
    implements java.io.Serializable {

  ModelSpec {
    hidden = List.copyOf(hidden);
    if (!List.of("relu", "tanh", "sigmoid").contains(activation)) {
      throw new UsageException("unknown activation '" + activation + "'; use relu, tanh or sigmoid");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new UsageException("--dropout must be in [0, 1), got " + dropout);
    }
  }

  static ModelSpec parse(String text, String activation, double dropout, boolean batchNorm) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    List<Integer> sizes = new ArrayList<>();
    if (!t.equals("linear")) {
      if (!t.startsWith("mlp:")) {
        throw new UsageException("unknown model '" + text + "'; use mlp:H1,H2,... (e.g. mlp:64,32)"
            + " or linear");
      }
      String rest = t.substring(4).trim();
      if (!rest.isEmpty()) {
        for (String part : rest.split(",")) {
          try {
            int h = Integer.parseInt(part.trim());
            if (h < 1) {
              throw new NumberFormatException();
            }
            sizes.add(h);
          } catch (NumberFormatException e) {
            throw new UsageException("model '" + text + "': '" + part.trim()
                + "' is not a layer size (a whole number >= 1)");
          }
        }
      }
    }
    return new ModelSpec(sizes, activation.toLowerCase(Locale.ROOT), dropout, batchNorm);
  }

  /** The network from {@code inputs} features to {@code outputs} values. */
  Module build(int inputs, int outputs, Rng rng) {
    List<Module> layers = new ArrayList<>();
    int in = inputs;
    for (int h : hidden) {
      layers.add(new Linear(in, h, rng));
      if (batchNorm) {
        layers.add(new BatchNorm1d(h));
      }
      layers.add(switch (activation) {
        case "tanh" -> new Tanh();
        case "sigmoid" -> new Sigmoid();
        default -> new ReLU();
      });
      if (dropout > 0) {
        layers.add(new Dropout(dropout, rng));
      }
      in = h;
    }
    layers.add(new Linear(in, outputs, rng));
    return new Sequential(layers);
  }

  @Override
  public String toString() {
    return (hidden.isEmpty() ? "linear" : "mlp:" + String.join(",",
        hidden.stream().map(String::valueOf).toList()))
        + (hidden.isEmpty() ? "" : " " + activation)
        + (batchNorm ? " +batch-norm" : "") + (dropout > 0 ? " +dropout " + dropout : "");
  }
}
