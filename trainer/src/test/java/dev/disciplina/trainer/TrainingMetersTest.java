package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrainingMeters")
class TrainingMetersTest {

  @Test
  @DisplayName("a run publishes losses, learning rate, counters and timers tagged with run id and backend")
  void meters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Split iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)).standardized();
    TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(25).runId("m1").build();
    History h = new Trainer(config, Backends.named("cpu"), List.of(new TrainingMeters(registry)))
        .fit(Experiment.of(rng -> new Sequential(new Linear(4, 8, rng), new ReLU(),
            new Linear(8, 3, rng)), m -> Adam.adam(m.parameters()).learningRate(0.02).build(),
            Loss.softmaxCrossEntropy()), iris);
    String[] tags = {"run", "m1", "backend", "cpu"};
    assertThat(registry.get(TrainingMeters.ITERATIONS).tags(tags).counter().count())
        .isEqualTo(h.iterations()).isEqualTo(15.0);
    assertThat(registry.get(TrainingMeters.SAMPLES).tags(tags).counter().count())
        .isEqualTo(3.0 * iris.train().size());
    assertThat(registry.get(TrainingMeters.TRAINING_LOSS).tags(tags).gauge().value())
        .isEqualTo(h.last().trainLoss());
    assertThat(registry.get(TrainingMeters.VALIDATION_LOSS).tags(tags).gauge().value())
        .isEqualTo(h.last().validationLoss());
    assertThat(registry.get(TrainingMeters.LEARNING_RATE).tags(tags).gauge().value())
        .isEqualTo(0.02);
    assertThat(registry.get(TrainingMeters.VALIDATION_METRIC).tags(tags).tag("metric", "accuracy")
        .gauge().value()).isEqualTo(h.last().validationMetric("accuracy"));
    assertThat(registry.get(TrainingMeters.BATCH_LOSS).tags(tags).gauge().value()).isFinite();
    assertThat(registry.get(TrainingMeters.BATCH_TIMER).tags(tags).timer().count())
        .isEqualTo(15);
    assertThat(registry.get(TrainingMeters.EPOCH_TIMER).tags(tags).timer().count()).isEqualTo(3);
    assertThat(registry.get(TrainingMeters.EPOCH_TIMER).tags(tags).timer()
        .totalTime(java.util.concurrent.TimeUnit.SECONDS)).isPositive();
  }
}
