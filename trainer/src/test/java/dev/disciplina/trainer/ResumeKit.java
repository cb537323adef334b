package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.LearningRateSchedule;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and exact resume, as tests any backend can run: a run resumed from any of its
 * checkpoints — mid-epoch included — ends exactly as the uninterrupted run did. Subclass it with
 * one method naming the backend.
 */
public abstract class ResumeKit {

  /** The name of the backend under test, as its provider registers it. */
  protected abstract String backendName();

  @TempDir Path dir;
  private Backend backend;
  private Split iris;

  @BeforeEach
  void setUp() {
    assumeTrue(Backends.availableNames().contains(backendName()),
        () -> "backend '" + backendName() + "' is not available here: " + Backends.all());
    backend = Backends.named(backendName());
    iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(7)).standardized();
  }

  /** Records the final weights, while the model still exists. */
  static final class FinalWeights implements TrainingListener {
    Map<String, float[]> weights;

    @Override
    public void onTrainEnd(TrainingContext context, History history) {
      weights = context.model().stateDict();
    }
  }

  private static Module net(Rng rng) {
    return new Sequential(new Linear(4, 16, rng), new ReLU(), new Dropout(0.3, rng),
        new Linear(16, 3, rng));
  }

  private static Experiment experiment(Function<Module, dev.disciplina.api.optim.Optimizer> opt) {
    return Experiment.of(ResumeKit::net, opt, Loss.softmaxCrossEntropy());
  }

  private static Experiment adam() {
    return experiment(m -> Adam.adamW(m.parameters()).learningRate(0.01).build());
  }

  private static Experiment nesterov() {
    return experiment(m -> Sgd.builder(m.parameters()).learningRate(0.05).momentum(0.9)
        .nesterov(true).weightDecay(1e-3).build());
  }

  private record Outcome(History history, Map<String, float[]> weights) {}

  private Outcome fit(TrainingConfig config, Experiment e, Path checkpoints) {
    FinalWeights w = new FinalWeights();
    List<TrainingListener> ls = checkpoints == null ? List.of(w)
        : List.of(new CheckpointListener(new CheckpointPolicy(checkpoints, 3, 0), Map.of()), w);
    History h = new Trainer(config, backend, ls).fit(e, iris);
    return new Outcome(h, w.weights);
  }

  private Outcome resume(TrainingConfig config, Experiment e, Path checkpoint)
      throws IOException {
    FinalWeights w = new FinalWeights();
    History h = new Trainer(config, backend, List.of(w)).resume(checkpoint, e, iris.train(),
        iris.validation());
    return new Outcome(h, w.weights);
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(4).batchSize(16).seed(5);
  }

  private void assertResumesExactly(TrainingConfig config, Experiment e) throws IOException {
    Path root = dir.resolve("run");
    Outcome whole = fit(config, e, root);
    List<Path> all = Checkpoints.list(root);
    assertThat(all).hasSizeGreaterThan(8);
    for (Path checkpoint : List.of(all.get(1), all.get(all.size() / 2), all.get(all.size() - 2))) {
      Outcome resumed = resume(config, e, checkpoint);
      assertThat(resumed.history().withoutTimes()).as("history resumed from %s", checkpoint)
          .isEqualTo(whole.history().withoutTimes());
      assertThat(PhaseRecorder.sameState(resumed.weights(), whole.weights()))
          .as("final weights resumed from %s", checkpoint).isTrue();
    }
  }

  @Test
  @DisplayName("a run resumed from a mid-epoch checkpoint (AdamW, dropout) ends with the same history and bit-identical weights")
  void resumesAdamExactly() throws IOException {
    assertResumesExactly(config().build(), adam());
  }

  @Test
  @DisplayName("SGD with Nesterov momentum, a cosine schedule, gradient accumulation and clipping resumes exactly too")
  void resumesSgdExactly() throws IOException {
    assertResumesExactly(config().accumulateBatches(2).clipByNorm(0.5)
        .schedule(LearningRateSchedule.cosine(0.05, 4, 0.005)).build(), nesterov());
  }

  @Test
  @DisplayName("early stopping's best-weights snapshot is saved, so a resumed run restores the same epoch")
  void resumesEarlyStopping() throws IOException {
    assertResumesExactly(config().epochs(6).earlyStopping(EarlyStopping.patience(2)
        .withMinDelta(0.05)).build(), adam());
  }

  @Test
  @DisplayName("a finished run resumed with more epochs equals a run configured that long")
  void extendsARun() throws IOException {
    Outcome four = fit(config().build(), adam(), dir.resolve("four"));
    Outcome six = fit(config().epochs(6).build(), adam(), null);
    Outcome extended = resume(config().epochs(6).build(), adam(), dir.resolve("four"));
    assertThat(four.history().size()).isEqualTo(4);
    assertThat(extended.history().withoutTimes()).isEqualTo(six.history().withoutTimes());
    assertThat(PhaseRecorder.sameState(extended.weights(), six.weights())).isTrue();
  }

  @Test
  @DisplayName("resuming under another configuration is refused in one line naming the setting")
  void refusesAnotherRun() {
    fit(config().epochs(1).build(), adam(), dir.resolve("one"));
    assertThatThrownBy(() -> resume(config().epochs(1).batchSize(8).build(), adam(),
        dir.resolve("one")))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("state.json").hasMessageContaining("batch_size 16")
        .hasMessageContaining("batch_size").satisfies(t -> assertThat(t.getMessage())
            .doesNotContain("\n"));
  }

  @Test
  @DisplayName("a corrupt state.json is a one-line error naming the file and the problem")
  void corruptState() throws IOException {
    fit(config().epochs(1).build(), adam(), dir.resolve("c"));
    Path latest = Checkpoints.latest(dir.resolve("c"));
    Path state = latest.resolve(Checkpoints.STATE);
    String json = Files.readString(state);
    Files.writeString(state, json.substring(0, json.length() / 2));
    assertThatThrownBy(() -> resume(config().epochs(1).build(), adam(), latest))
        .isInstanceOf(CheckpointException.class).hasMessageStartingWith(state.toString())
        .hasMessageContaining("not valid JSON")
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain("\n"));
    Files.writeString(state, json.replaceFirst("\"iteration\" : [0-9]+", "\"iteration\" : NaN"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> resume(config().epochs(1).build(), adam(), latest))
        .isInstanceOf(CheckpointException.class).hasMessageStartingWith(state.toString());
    Files.writeString(state, json.replace("\"batches\" : 0", "\"batches\" : 3"));
    assertThatThrownBy(() -> resume(config().epochs(1).build(), adam(), latest))
        .isInstanceOf(CheckpointException.class).hasMessageContaining("batch_losses");
    Files.writeString(state, "");
    assertThatThrownBy(() -> resume(config().epochs(1).build(), adam(), latest))
        .isInstanceOf(CheckpointException.class).hasMessageStartingWith(state.toString());
  }
}
