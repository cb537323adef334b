package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Mode;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of the training loop, as tests any backend can run: subclass it with one method
 * naming the backend. Every test trains tiny models on the embedded iris data for a few epochs,
 * so the whole kit takes seconds.
 */
public abstract class LoopRulesKit {

  /** The name of the backend under test, as its provider registers it. */
  protected abstract String backendName();

  private Backend backend;
  private Split iris;

  @BeforeEach
  void setUp() {
    // A kit that skips when its backend is missing would pass on a machine that tests nothing.
    assertThat(Backends.availableNames())
        .as("backend '%s' must be available to run the loop rules on it; found %s", backendName(),
            Backends.all())
        .contains(backendName());
    backend = Backends.named(backendName());
    iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(7)).standardized();
  }

  private Trainer trainer(TrainingConfig config, TrainingListener... listeners) {
    return new Trainer(config, backend, List.of(listeners));
  }

  private static TrainingConfig.Builder small() {
    return TrainingConfig.builder().epochs(3).batchSize(16).seed(11);
  }

  /** Runs {@code body} with a model built by {@code model} in a model scope on the backend. */
  private <T> T withModel(Function<Rng, Module> model, ModelRun<T> body) {
    try (Scope scope = Scope.open(backend)) {
      return body.run(model.apply(Rng.seeded(3)));
    }
  }

  @FunctionalInterface
  private interface ModelRun<T> {
    T run(Module model);
  }

  private static Module mlp(Rng rng) {
    return new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 3, rng));
  }

  private static Experiment adam(Function<Rng, Module> model, double lr) {
    return Experiment.of(model, m -> Adam.adam(m.parameters()).learningRate(lr).build(),
        Loss.softmaxCrossEntropy());
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("validation leaves every parameter and buffer bit-identical and never calls the optimizer")
    void leavesParametersUnchanged() {
      PhaseRecorder rec = new PhaseRecorder();
      trainer(small().build(), rec).fit(adam(rng -> new Sequential(new Linear(4, 8, rng),
          new BatchNorm1d(8), new ReLU(), new Dropout(0.3, rng), new Linear(8, 3, rng)), 0.01),
          iris);
      assertThat(rec.stateBeforeValidation).hasSize(3);
      for (int e = 0; e < 3; e++) {
        assertThat(PhaseRecorder.sameState(rec.stateBeforeValidation.get(e),
            rec.stateAfterValidation.get(e))).as("state around validation of epoch %d", e + 1)
            .isTrue();
        assertThat(rec.stepsAfterValidation.get(e)).isEqualTo(rec.stepsBeforeValidation.get(e));
      }
    }

    @Test
    @DisplayName("validation runs in eval mode without gradients, on the validation split only")
    void evalModeNoGradValidationOnly() {
      Probe probe = new Probe();
      PhaseRecorder rec = new PhaseRecorder();
      TrainingConfig config = small().epochs(2).trainEvalSize(0).build();
      withModel(rng -> new Sequential(probe, new Linear(4, 3, rng)), model -> {
        RecordingOptimizer opt = new RecordingOptimizer(model.parameters(), 0.1);
        TrainingListener split = new TrainingListener() {
          @Override
          public void onValidationStart(TrainingContext c, int epoch) {
            probe.clear();
          }

          @Override
          public void onValidationEnd(TrainingContext c, Evaluation v) {
            assertThat(probe.calls()).allSatisfy(call -> {
              assertThat(call.mode()).isEqualTo(Mode.EVAL);
              assertThat(call.gradEnabled()).isFalse();
            });
            float[] seen = probe.calls().stream().map(Probe.Call::input)
                .reduce(new float[0], LoopRulesKit::concat);
            assertThat(seen).isEqualTo(iris.validation().features());
            assertThat(v.examples()).isEqualTo(iris.validation().size());
            probe.clear();
          }

          @Override
          public void onBatchEnd(TrainingContext c, BatchResult r) {
            Probe.Call call = probe.calls().get(probe.calls().size() - 1);
            assertThat(call.mode()).isEqualTo(Mode.TRAIN);
            assertThat(call.gradEnabled()).isTrue();
          }
        };
        return trainer(config, rec, split).fit(model, Loss.softmaxCrossEntropy(), opt,
            iris.train(), iris.validation());
      });
      assertThat(rec.events).contains("validationEnd");
    }
  }

  @Nested
  @DisplayName("modes")
  class Modes {

    @Test
    @DisplayName("dropout is active in training batches and off in validation")
    void dropout() {
      Probe probe = new Probe();
      PhaseRecorder rec = new PhaseRecorder();
      double[] trainingZeros = new double[2];
      double[] validationZeros = new double[2];
      TrainingListener watch = new TrainingListener() {
        @Override
        public void onBatchEnd(TrainingContext c, BatchResult r) {
          Probe.Call call = probe.calls().get(probe.calls().size() - 1);
          trainingZeros[0] += call.zeroFraction() * call.input().length;
          trainingZeros[1] += call.input().length;
        }

        @Override
        public void onValidationStart(TrainingContext c, int epoch) {
          probe.clear();
        }

        @Override
        public void onValidationEnd(TrainingContext c, Evaluation v) {
          for (Probe.Call call : probe.calls()) {
            validationZeros[0] += call.zeroFraction() * call.input().length;
            validationZeros[1] += call.input().length;
          }
        }
      };
      trainer(small().build(), rec, watch).fit(adam(rng -> new Sequential(new Dropout(0.5, rng),
          probe, new Linear(4, 3, rng)), 0.01), iris);
      assertThat(trainingZeros[0] / trainingZeros[1]).isBetween(0.4, 0.6);
      assertThat(validationZeros[1]).isPositive();
      assertThat(validationZeros[0]).isZero();
    }

    @Test
    @DisplayName("batch norm normalises validation batches with its running statistics")
    void batchNormRunningStatistics() {
      Probe before = new Probe();
      Probe after = new Probe();
      BatchNorm1d[] bn = new BatchNorm1d[1];
      float[][] stats = new float[4][];
      TrainingListener watch = new TrainingListener() {
        @Override
        public void onValidationStart(TrainingContext c, int epoch) {
          before.clear();
          after.clear();
          stats[0] = bn[0].runningMean().toArray();
          stats[1] = bn[0].runningVar().toArray();
          Map<String, float[]> s = c.model().stateDict();
          stats[2] = s.get("1.weight");
          stats[3] = s.get("1.bias");
        }

        @Override
        public void onValidationEnd(TrainingContext c, Evaluation v) {
          assertThat(before.calls()).isNotEmpty();
          for (int i = 0; i < before.calls().size(); i++) {
            float[] x = before.calls().get(i).input();
            float[] y = after.calls().get(i).input();
            for (int k = 0; k < x.length; k++) {
              int j = k % 4;
              double expected = (x[k] - stats[0][j]) / Math.sqrt(stats[1][j] + 1e-5)
                  * stats[2][j] + stats[3][j];
              assertThat((double) y[k]).isCloseTo(expected, within(1e-4));
            }
          }
        }
      };
      trainer(small().build(), watch).fit(adam(rng -> {
        bn[0] = new BatchNorm1d(4);
        return new Sequential(before, bn[0], after, new Linear(4, 3, rng));
      }, 0.01), iris);
      assertThat(stats[0]).isNotEqualTo(new float[4]);
    }
  }

  @Nested
  @DisplayName("gradients")
  class Gradients {

    private List<Map<Integer, float[]>> gradients(TrainingConfig config, Dataset train) {
      return withModel(LoopRulesKit::mlp, model -> {
        RecordingOptimizer opt = new RecordingOptimizer(model.parameters(), 0);
        trainer(config).fit(model, Loss.softmaxCrossEntropy(), opt, train, iris.validation());
        return opt.gradients();
      });
    }

    @Test
    @DisplayName("gradients are reset every iteration: the same batch from the same weights gives identical gradients")
    void resetEveryIteration() {
      Dataset train = iris.train().head(16);
      List<Map<Integer, float[]>> g = gradients(
          small().epochs(2).batchSize(16).shuffle(false).build(), train);
      assertThat(g).hasSize(2);
      for (int p = 0; p < 4; p++) {
        assertThat(g.get(1).get(p)).as("parameter %d", p).isEqualTo(g.get(0).get(p));
      }
    }

    @Test
    @DisplayName("accumulation sums k batches with each loss divided by its group's real size, a short last group included")
    void accumulation() {
      Dataset train = iris.train().head(10);
      TrainingConfig plain = small().epochs(1).batchSize(4).shuffle(false).build();
      List<Map<Integer, float[]>> single = gradients(plain, train);
      List<Map<Integer, float[]>> accumulated =
          gradients(plain.toBuilder().accumulateBatches(2).build(), train);
      assertThat(single).hasSize(3);
      assertThat(accumulated).hasSize(2);
      for (int p = 0; p < 4; p++) {
        float[] a = single.get(0).get(p);
        float[] b = single.get(1).get(p);
        float[] sum = accumulated.get(0).get(p);
        for (int i = 0; i < a.length; i++) {
          assertThat(sum[i]).isCloseTo((a[i] + b[i]) / 2, within(1e-6f + 1e-5f * Math.abs(a[i])));
        }
        assertThat(accumulated.get(1).get(p)).isEqualTo(single.get(2).get(p));
      }
    }

    @Test
    @DisplayName("clipping by norm bounds the global gradient norm; clipping by value bounds every value")
    void clipping() {
      Dataset train = iris.train();
      List<Map<Integer, float[]>> byNorm =
          gradients(small().epochs(1).clipByNorm(0.05).build(), train);
      for (Map<Integer, float[]> step : byNorm) {
        double sq = 0;
        for (float[] g : step.values()) {
          for (float v : g) {
            sq += v * v;
          }
        }
        assertThat(Math.sqrt(sq)).isLessThanOrEqualTo(0.05 + 1e-5);
      }
      List<Map<Integer, float[]>> byValue =
          gradients(small().epochs(1).clipByValue(0.01).build(), train);
      for (Map<Integer, float[]> step : byValue) {
        for (float[] g : step.values()) {
          for (float v : g) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.01f);
          }
        }
      }
    }
  }

  @Nested
  @DisplayName("epochs")
  class Epochs {

    @Test
    @DisplayName("one epoch visits every training example exactly once")
    void everyExampleOnce() {
      PhaseRecorder rec = new PhaseRecorder();
      trainer(small().batchSize(7).build(), rec).fit(adam(LoopRulesKit::mlp, 0.01), iris);
      int n = iris.train().size();
      for (List<int[]> epoch : rec.batchRowsPerEpoch) {
        int[] seen = new int[n];
        epoch.forEach(rows -> Arrays.stream(rows).forEach(i -> seen[i]++));
        assertThat(seen).containsOnly(1);
      }
      assertThat(rec.batchRowsPerEpoch.get(0).get(0))
          .isNotEqualTo(rec.batchRowsPerEpoch.get(1).get(0));
    }

    @Test
    @DisplayName("an epoch has ceil(n / batch) iterations, or floor(n / batch) with drop-last")
    void iterationsPerEpoch() {
      int n = iris.train().size(); // 120
      History keep = trainer(small().epochs(2).batchSize(50).build())
          .fit(adam(LoopRulesKit::mlp, 0.01), iris);
      History drop = trainer(small().epochs(2).batchSize(50).dropLast(true).build())
          .fit(adam(LoopRulesKit::mlp, 0.01), iris);
      assertThat(keep.epochs()).allSatisfy(e -> {
        assertThat(e.iterations()).isEqualTo((n + 49) / 50);
        assertThat(e.optimizerSteps()).isEqualTo(e.iterations());
      });
      assertThat(drop.epochs()).allSatisfy(e -> assertThat(e.iterations()).isEqualTo(n / 50));
    }

    @Test
    @DisplayName("listeners see run, epoch, batch and validation boundaries in order")
    void listenerOrder() {
      PhaseRecorder rec = new PhaseRecorder();
      trainer(small().epochs(1).batchSize(60).build(), rec).fit(adam(LoopRulesKit::mlp, 0.01),
          iris);
      assertThat(rec.events).containsExactly("trainStart", "epochStart 1", "batchStart",
          "batchEnd", "batchStart", "batchEnd", "validationStart", "validationEnd", "epochEnd 1",
          "trainEnd");
    }
  }

  @Nested
  @DisplayName("repeatability")
  class Repeatability {

    @Test
    @DisplayName("the same seed gives a bit-identical history; another seed gives another")
    void sameSeedSameHistory() {
      Experiment e = adam(rng -> new Sequential(new Linear(4, 16, rng), new ReLU(),
          new Dropout(0.2, rng), new Linear(16, 3, rng)), 0.01);
      History a = trainer(small().build()).fit(e, iris);
      History b = trainer(small().build()).fit(e, iris);
      History c = trainer(small().seed(12).build()).fit(e, iris);
      assertThat(b.withoutTimes()).isEqualTo(a.withoutTimes());
      assertThat(c.withoutTimes()).isNotEqualTo(a.withoutTimes());
      assertThat(c.last().trainLoss()).isNotEqualTo(a.last().trainLoss());
    }
  }

  @Nested
  @DisplayName("stopping")
  class Stopping {

    @Test
    @DisplayName("early stopping stops after patience epochs without improvement and restores the best weights")
    void earlyStopping() {
      PhaseRecorder rec = new PhaseRecorder();
      // A min delta no improvement can reach: epoch 1 is the best, epochs 2 and 3 do not improve.
      TrainingConfig config = small().epochs(10)
          .earlyStopping(EarlyStopping.patience(2).withMinDelta(1e9)).build();
      withModel(LoopRulesKit::mlp, model -> {
        History h = trainer(config, rec).fit(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(model.parameters()).learningRate(0.1).build(), iris.train(),
            iris.validation());
        assertThat(h.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.weightsFromEpoch()).isEqualTo(1);
        assertThat(PhaseRecorder.sameState(model.stateDict(), rec.stateAtEpochEnd.get(0)))
            .isTrue();
        return h;
      });
    }

    @Test
    @DisplayName("the best weights are restored however training ends, even when it completes")
    void restoreOnCompletion() {
      PhaseRecorder rec = new PhaseRecorder();
      TrainingConfig config = small().epochs(4)
          .earlyStopping(EarlyStopping.patience(100)).build();
      withModel(LoopRulesKit::mlp, model -> {
        // A learning rate far too large makes validation loss jump about; the best epoch is kept.
        History h = trainer(config, rec).fit(model, Loss.softmaxCrossEntropy(),
            Sgd.builder(model.parameters()).learningRate(3).build(), iris.train(),
            iris.validation());
        int best = h.bestEpoch().orElseThrow();
        assertThat(h.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(h.weightsFromEpoch()).isEqualTo(best);
        assertThat(PhaseRecorder.sameState(model.stateDict(), rec.stateAtEpochEnd.get(best - 1)))
            .isTrue();
        return h;
      });
    }

    @Test
    @DisplayName("the NaN guard stops at the first non-finite loss, keeps the last finite weights and marks the run diverged")
    void nanGuardKeepsFiniteWeights() {
      PhaseRecorder rec = new PhaseRecorder();
      int[] calls = {0};
      Loss poisoned = new Loss() {
        @Override
        public Variable apply(Variable output, Tensor target) {
          Variable l = Loss.softmaxCrossEntropy().apply(output, target);
          return dev.disciplina.api.autograd.GradMode.isEnabled() && ++calls[0] == 12
              ? l.mul(Float.NaN) : l;
        }

        @Override
        public String name() {
          return "cross_entropy";
        }
      };
      withModel(LoopRulesKit::mlp, model -> {
        History h = trainer(small().epochs(5).build(), rec).fit(model, poisoned,
            Adam.adam(model.parameters()).learningRate(0.01).build(), iris.train(),
            iris.validation());
        assertThat(h.diverged()).isTrue();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.last().trainLoss()).isNaN();
        assertThat(h.last().iterations()).isEqualTo(4);
        assertThat(h.weightsFromEpoch()).isEqualTo(2);
        assertThat(PhaseRecorder.sameState(model.stateDict(),
            rec.stateAfterBatch.get(rec.stateAfterBatch.size() - 1))).isTrue();
        return h;
      });
    }

    @Test
    @DisplayName("when an update makes the weights non-finite, the guard rolls back to the last finite epoch")
    void nanGuardRollsBack() {
      PhaseRecorder rec = new PhaseRecorder();
      withModel(LoopRulesKit::mlp, model -> {
        // 8 steps per epoch: step 10 writes NaN, the next forward pass sees it.
        RecordingOptimizer opt = new RecordingOptimizer(model.parameters(), 0.01).poisonAt(10);
        History h = trainer(small().epochs(5).build(), rec).fit(model,
            Loss.softmaxCrossEntropy(), opt, iris.train(), iris.validation());
        assertThat(h.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(h.weightsFromEpoch()).isEqualTo(1);
        assertThat(PhaseRecorder.sameState(model.stateDict(), rec.stateAtEpochEnd.get(0)))
            .isTrue();
        return h;
      });
    }
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
