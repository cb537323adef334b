package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("History")
class HistoryTest {

  private static History run(int epochs, int trainEvalSize) {
    Split iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)).standardized();
    return new Trainer(TrainingConfig.builder().epochs(epochs).batchSize(16)
        .trainEvalSize(trainEvalSize).build(), Backends.named("cpu"), List.of())
        .fit(Experiment.of(rng -> new Sequential(new Linear(4, 16, rng), new ReLU(),
            new Linear(16, 3, rng)), m -> Adam.adam(m.parameters()).learningRate(0.02).build(),
            Loss.softmaxCrossEntropy()), iris);
  }

  @Test
  @DisplayName("each epoch records losses, their spread, metrics on both splits, rate, iterations and time")
  void records() {
    History h = run(4, TrainingConfig.AUTO);
    assertThat(h.size()).isEqualTo(4);
    assertThat(h.stopReason()).isEqualTo(StopReason.COMPLETED);
    assertThat(h.metricKeys()).containsExactly("accuracy", "precision", "recall", "f1");
    EpochResult last = h.last();
    assertThat(last.trainLoss()).isPositive();
    assertThat(last.trainLossStd()).isPositive();
    assertThat(last.trainEvalLoss()).isPositive();
    assertThat(last.validationLoss()).isPositive();
    assertThat(last.trainMetrics()).containsKeys("accuracy", "f1");
    assertThat(last.validationMetric("accuracy")).isGreaterThan(0.7);
    assertThat(last.learningRate()).isEqualTo(0.02);
    assertThat(last.iterations()).isEqualTo(8);
    assertThat(last.seconds()).isPositive();
    assertThat(h.weightsFromEpoch()).isEqualTo(4);
    assertThat(h.epochs().get(3).validationLoss()).isLessThan(h.epochs().get(0).validationLoss());
  }

  @Test
  @DisplayName("the curves carry the eval-mode training loss, accuracies and the class count to diagnostics")
  void curves() {
    History h = run(3, TrainingConfig.AUTO);
    LearningCurves c = h.curves();
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.trainEvalLoss()).hasSize(3);
    assertThat(c.valAccuracy()).hasSize(3);
    assertThat(c.classes()).hasValue(3);
    assertThat(h.diagnose().verdict()).isIn((Object[]) Verdict.values());
    History off = run(2, 0);
    assertThat(off.last().trainEvalLoss()).isNaN();
    assertThat(off.last().trainMetrics()).isEmpty();
    assertThat(off.curves().trainEvalLoss()).isEmpty();
  }

  @Test
  @DisplayName("an empty history has no curves")
  void empty() {
    History h = new History(List.of(), StopReason.COMPLETED, "", 0, List.of(), 0);
    assertThatThrownBy(h::curves).hasMessageContaining("no epoch");
    assertThat(h.bestEpoch()).isEmpty();
  }
}
