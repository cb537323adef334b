package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrainerModule")
class TrainerModuleTest {

  private static final TrainingConfig CONFIG =
      TrainingConfig.builder().epochs(1).batchSize(32).runId("guice").build();

  /** Counts epochs; bound by the user through the multibinder. */
  static final class EpochCounter implements TrainingListener {
    int epochs;

    @Override
    public void onEpochEnd(TrainingContext context, EpochResult epoch) {
      epochs++;
    }
  }

  @Test
  @DisplayName("wires a Trainer on the backend named by configuration, with the listeners bound")
  void wiresTrainer() {
    EpochCounter counter = new EpochCounter();
    Injector injector = Guice.createInjector(TrainerModule.discovering(CONFIG, "cpu"),
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding()
                .toInstance(counter);
          }
        });
    Trainer trainer = injector.getInstance(Trainer.class);
    assertThat(trainer.backend().name()).isEqualTo("cpu");
    assertThat(trainer.config()).isSameAs(CONFIG);
    assertThat(trainer.listeners()).hasSize(2).contains(counter)
        .hasAtLeastOneElementOfType(TrainingMeters.class);
    trainer.fit(Experiment.of(rng -> new Linear(4, 3, rng),
        m -> Sgd.builder(m.parameters()).learningRate(0.1).build(), Loss.softmaxCrossEntropy()),
        Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)));
    assertThat(counter.epochs).isEqualTo(1);
    assertThat(injector.getInstance(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
    assertThat(injector.getInstance(MeterRegistry.class).getMeters()).isNotEmpty();
  }

  @Test
  @DisplayName("an unknown backend name fails with the names discovery found")
  void unknownBackend() {
    Injector injector = Guice.createInjector(new TrainerModule(CONFIG, "tpu", List.of("cpu")));
    assertThatThrownBy(() -> injector.getInstance(Trainer.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("unknown backend 'tpu'; found: cpu");
  }

  @Test
  @DisplayName("a MeterRegistry the user binds replaces the default simple registry")
  void userRegistry() {
    SimpleMeterRegistry mine = new SimpleMeterRegistry();
    Injector injector = Guice.createInjector(TrainerModule.discovering(CONFIG, "cpu"),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding()
                .toInstance(mine);
          }
        });
    injector.getInstance(Trainer.class).fit(Experiment.of(rng -> new Linear(4, 3, rng),
        m -> Sgd.builder(m.parameters()).build(), Loss.softmaxCrossEntropy()),
        Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)));
    assertThat(mine.find(TrainingMeters.ITERATIONS).counter()).isNotNull();
  }
}
