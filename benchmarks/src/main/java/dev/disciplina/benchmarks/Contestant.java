package dev.disciplina.benchmarks;

import dev.disciplina.backend.cpu.CpuBackendProvider;
import dev.disciplina.backend.djl.DjlBackendProvider;
import dev.disciplina.backend.nd4j.Nd4jBackendProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contestants of {@code disciplina bench}, in the order they run within a round. Each runs
 * alone in its own JVM with its own best settings: {@link #environment()} is added to the
 * environment of that JVM (and {@code OMP_WAIT_POLICY}, which the launcher sets for JVMs that
 * load two OpenMP runtimes, is removed: each of these loads one engine only, so every engine gets
 * its default policy, as its users run it). Disciplina's backends are created through their
 * provider classes, so a JVM never starts an engine it does not measure.
 */
public enum Contestant {
  TRAINER_CPU("trainer-cpu", "Disciplina Trainer.fit on the cpu backend (both cores)", Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return DisciplinaRuns.trainer(new CpuBackendProvider().create(), w, d);
    }
  },
  TRAINER_ND4J("trainer-nd4j", "Disciplina Trainer.fit on the nd4j backend, default OpenMP",
      Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return DisciplinaRuns.trainer(new Nd4jBackendProvider().create(), w, d);
    }
  },
  TRAINER_DJL("trainer-djl", "Disciplina Trainer.fit on the djl backend, default OpenMP",
      Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return DisciplinaRuns.trainer(new DjlBackendProvider().create(), w, d);
    }
  },
  LOOP_CPU("loop-cpu", "a hand-written loop over Disciplina's api on the cpu backend", Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return DisciplinaRuns.handLoop(new CpuBackendProvider().create(), w, d);
    }
  },
  DJL_EASYTRAIN("djl-easytrain", "DJL 0.36 EasyTrain.fit, PyTorch 2.7.1, default OpenMP",
      Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) throws Exception {
      return DjlRuns.easyTrain(w, d);
    }
  },
  DJL_LOOP("djl-loop", "a hand-written DJL loop (GradientCollector), default OpenMP", Map.of()) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return DjlRuns.handLoop(w, d);
    }
  },
  DL4J_FIT("dl4j-fit", "DL4J 1.0.0-M2.1 MultiLayerNetwork.fit, one OpenMP thread (its best here: "
      + "about 2.5x its default on 2 cores)", Map.of("OMP_NUM_THREADS", "1")) {
    @Override
    Measured run(Workload w, TrainingData d) {
      return Dl4jRuns.fit(w, d);
    }
  };

  /** The contestant the ratios are taken to. */
  public static final Contestant BASELINE = DJL_EASYTRAIN;

  private final String label;
  private final String settings;
  private final Map<String, String> environment;

  Contestant(String label, String settings, Map<String, String> environment) {
    this.label = label;
    this.settings = settings;
    this.environment = environment;
  }

  /** The name on the command line and in the table, e.g. {@code trainer-cpu}. */
  public String label() {
    return label;
  }

  /** What runs and with which settings, in a few words. */
  public String settings() {
    return settings;
  }

  /** Environment variables set for this contestant's JVM. */
  public Map<String, String> environment() {
    return environment;
  }

  abstract Measured run(Workload w, TrainingData d) throws Exception;

  /** The contestant called {@code label}. */
  public static Contestant named(String label) {
    for (Contestant c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown contestant '" + label + "'; the contestants are "
        + names());
  }

  /** The contestants' names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(Contestant::label).collect(Collectors.joining(", "));
  }

  /** The contestants named in a comma-separated list, in the canonical order. */
  public static List<Contestant> parse(String commaSeparated) {
    List<Contestant> named = Arrays.stream(commaSeparated.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).map(Contestant::named).toList();
    if (named.isEmpty()) {
      throw new IllegalArgumentException("--only: no contestant named; the contestants are "
          + names());
    }
    return Arrays.stream(values()).filter(named::contains).toList();
  }
}
