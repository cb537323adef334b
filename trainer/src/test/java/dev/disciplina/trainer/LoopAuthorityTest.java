package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("what plugs into the loop, by authority")
class LoopAuthorityTest {

  private final Backend cpu = Backends.named("cpu");
  private final Split iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(7))
      .standardized();

  private static Experiment sgd(double lr) {
    return Experiment.of(rng -> new Sequential(new Linear(4, 8, rng), new ReLU(),
        new Linear(8, 3, rng)), m -> Sgd.builder(m.parameters()).learningRate(lr).build(),
        Loss.softmaxCrossEntropy());
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(3).batchSize(16).seed(1);
  }

  @Nested
  @DisplayName("gradient hooks")
  class Hooks {

    @Test
    @DisplayName("see every parameter by name with its gradient, the step number and the examples of the step")
    void seeTheStep() {
      List<GradientStep> seen = new ArrayList<>();
      List<Boolean> allGradients = new ArrayList<>();
      new Trainer(config().epochs(2).accumulateBatches(2).build(), cpu, List.of())
          .withGradientHook(step -> {
            seen.add(step);
            allGradients.add(step.parameters().values().stream().allMatch(p -> p.grad() != null));
          }).fit(sgd(0.1), iris);
      // 120 examples in batches of 16: 8 batches, 4 steps per epoch, the last of 16 + 8.
      assertThat(seen).hasSize(8);
      assertThat(seen.get(0).parameters()).containsOnlyKeys("0.weight", "0.bias", "2.weight",
          "2.bias");
      assertThat(seen).extracting(GradientStep::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L,
          7L, 8L);
      assertThat(seen).extracting(GradientStep::examples).containsExactly(32, 32, 32, 24, 32,
          32, 32, 24);
      assertThat(seen).extracting(GradientStep::epoch).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
      assertThat(allGradients).containsOnly(true);
    }

    @Test
    @DisplayName("may change the gradients the step applies: zeroed gradients leave SGD's weights unchanged")
    void changeGradients() {
      Map<String, float[]>[] before = new Map[1];
      ResumeKit.FinalWeights after = new ResumeKit.FinalWeights();
      TrainingListener start = new TrainingListener() {
        @Override
        public void onTrainStart(TrainingContext context) {
          before[0] = context.model().stateDict();
        }
      };
      new Trainer(config().build(), cpu, List.of(start, after)).withGradientHook(step -> {
        for (Parameter p : step.parameters().values()) {
          try (Tensor zero = p.grad().mul(0f)) {
            p.grad().assign(zero);
          }
        }
      }).fit(sgd(0.5), iris);
      assertThat(PhaseRecorder.sameState(before[0], after.weights)).isTrue();
    }
  }

  @Nested
  @DisplayName("stop policies")
  class Policies {

    @Test
    @DisplayName("a listener's stop request takes effect at the next batch boundary")
    void listenerStopsAtBatch() {
      TrainingListener stopper = new TrainingListener() {
        @Override
        public void onBatchEnd(TrainingContext context, BatchResult result) {
          if (result.epoch() == 2 && result.batch() == 2) {
            context.requestStop("enough");
          }
        }
      };
      History h = new Trainer(config().build(), cpu, List.of(stopper)).fit(sgd(0.1), iris);
      assertThat(h.stopReason()).isEqualTo(StopReason.STOPPED_BY_LISTENER);
      assertThat(h.stopDetail()).isEqualTo("enough");
      assertThat(h.size()).isEqualTo(2);
      assertThat(h.last().iterations()).isEqualTo(3);
      assertThat(h.last().validationLoss()).as("a partial epoch is still validated").isFinite();
    }

    @Test
    @DisplayName("the time budget stops at the first batch boundary past it")
    void timeBudget() {
      History h = new Trainer(config().maxTime(Duration.ofNanos(1)).build(), cpu, List.of())
          .fit(sgd(0.1), iris);
      assertThat(h.stopReason()).isEqualTo(StopReason.OUT_OF_TIME);
      assertThat(h.iterations()).isEqualTo(1);
      assertThat(h.stopDetail()).contains("time budget").contains("batch 1 of epoch 1");
    }

    @Test
    @DisplayName("a policy given to the trainer is asked after the built-in ones, and its request names the weights kept")
    void customPolicy() {
      StopPolicy afterTwo = new StopPolicy() {
        private WeightSnapshot first;

        @Override
        public String name() {
          return "after-two";
        }

        @Override
        public java.util.Optional<StopRequest> afterEpoch(TrainingContext c, EpochResult e) {
          if (e.epoch() == 1) {
            first = c.snapshot();
          }
          return e.epoch() < 2 ? java.util.Optional.empty() : java.util.Optional.of(
              new StopRequest(StopReason.STOPPED_BY_LISTENER, "two epochs",
                  java.util.Optional.of(first)));
        }
      };
      PhaseRecorder rec = new PhaseRecorder();
      ResumeKit.FinalWeights w = new ResumeKit.FinalWeights();
      History h = new Trainer(config().epochs(5).build(), cpu, List.of(rec, w))
          .withStopPolicy(() -> afterTwo).fit(sgd(0.1), iris);
      assertThat(h.size()).isEqualTo(2);
      assertThat(h.weightsFromEpoch()).isEqualTo(1);
      assertThat(PhaseRecorder.sameState(w.weights, rec.stateAtEpochEnd.get(0))).isTrue();
    }

    @Test
    @DisplayName("diagnosis-driven stopping stops an overfitting run and restores the epoch the diagnosis names")
    void diagnosisStopping() {
      Split few = iris.limitTraining(12, Rng.seeded(3));
      Experiment big = Experiment.of(rng -> new Sequential(new Linear(4, 128, rng), new ReLU(),
          new Linear(128, 3, rng)), m -> Adam.adam(m.parameters()).learningRate(0.03).build(),
          Loss.softmaxCrossEntropy());
      PhaseRecorder rec = new PhaseRecorder();
      ResumeKit.FinalWeights w = new ResumeKit.FinalWeights();
      History h = new Trainer(config().epochs(200).batchSize(4).stopOnDiagnosis(true).build(),
          cpu, List.of(rec, w)).fit(big, few);
      assertThat(h.stopReason()).as(h.stopDetail()).isEqualTo(StopReason.DIAGNOSED);
      assertThat(h.size()).isLessThan(200);
      int best = h.bestEpoch().orElseThrow();
      assertThat(h.weightsFromEpoch()).isEqualTo(best);
      assertThat(PhaseRecorder.sameState(w.weights, rec.stateAtEpochEnd.get(best - 1))).isTrue();
      assertThat(h.finalDiagnosis()).isPresent();
    }
  }

  @Nested
  @DisplayName("the history")
  class Records {

    @Test
    @DisplayName("records the learning rate each epoch used: the rate when constant, the mean over batches when it changed")
    void learningRate() {
      TrainingListener halve = new TrainingListener() {
        @Override
        public void onBatchEnd(TrainingContext context, BatchResult result) {
          if (result.epoch() == 2 && result.batch() == 3) {
            context.optimizer().setLearningRate(0.05);
          }
        }
      };
      History h = new Trainer(config().build(), cpu, List.of(halve)).fit(sgd(0.1), iris);
      assertThat(h.epochs()).extracting(EpochResult::learningRate)
          .containsExactly(0.1, (4 * 0.1 + 4 * 0.05) / 8, 0.05);
    }
  }
}
