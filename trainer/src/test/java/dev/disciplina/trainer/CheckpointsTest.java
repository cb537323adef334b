package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.checkpoint.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the checkpoint directory")
class CheckpointsTest {

  @TempDir Path dir;

  private History train(int epochs, double lr, CheckpointPolicy policy) {
    Split iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(7)).standardized();
    Experiment e = Experiment.of(rng -> new Sequential(new Linear(4, 8, rng), new ReLU(),
        new Linear(8, 3, rng)), m -> Sgd.builder(m.parameters()).learningRate(lr).momentum(0.9)
        .build(), Loss.softmaxCrossEntropy());
    return new Trainer(TrainingConfig.builder().epochs(epochs).batchSize(16).seed(1).build(),
        Backends.named("cpu"), List.of(new CheckpointListener(policy, Map.of("note", "x"))))
        .fit(e, iris);
  }

  @Test
  @DisplayName("holds model, optimizer and state files under PyTorch state_dict names")
  void layout() throws IOException {
    train(1, 0.1, CheckpointPolicy.everyEpoch(dir));
    Path c = Checkpoints.latest(dir);
    assertThat(c.getFileName().toString()).isEqualTo("ckpt-000000000008-000002-000000");
    assertThat(Safetensors.read(c.resolve(Checkpoints.MODEL)).tensors())
        .containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
    assertThat(Safetensors.read(c.resolve(Checkpoints.MODEL)).tensor("0.weight").shape())
        .containsExactly(8, 4);
    assertThat(Safetensors.read(c.resolve(Checkpoints.OPTIMIZER)).tensors()).containsOnlyKeys(
        "state.0.momentum_buffer", "state.1.momentum_buffer", "state.2.momentum_buffer",
        "state.3.momentum_buffer");
    Checkpoint read = Checkpoints.read(c);
    assertThat(read.run()).containsEntry("note", "x");
    assertThat(read.state().optimizer().steps()).isEqualTo(8);
    assertThat(read.state().epochs()).hasSize(1);
    assertThat(read.state().policies()).containsKey("divergence-guard");
  }

  @Test
  @DisplayName("keeps the newest --keep-last checkpoints and the best, and removes what a crash left half-written")
  void retention() throws IOException {
    Files.createDirectories(dir.resolve(".tmp-ckpt-000000000001-000001-000001-123"));
    // A learning rate that makes validation jump about, so the best is not the newest.
    History h = train(8, 2.0, new CheckpointPolicy(dir, 0, 2));
    List<Path> kept = Checkpoints.list(dir);
    int best = h.bestEpoch().orElseThrow();
    ObjectMapper json = new ObjectMapper();
    assertThat(kept.subList(kept.size() - 2, kept.size())).extracting(p -> p.getFileName()
        .toString()).containsExactly("ckpt-000000000056-000008-000000",
            "ckpt-000000000064-000009-000000");
    boolean bestKept = false;
    for (Path p : kept) {
      double v = json.readTree(p.resolve(Checkpoints.STATE).toFile()).get("validation_loss")
          .doubleValue();
      bestKept |= v == h.epochs().get(best - 1).validationLoss();
    }
    assertThat(bestKept).as("the checkpoint of best epoch %d is kept", best).isTrue();
    assertThat(kept).hasSizeBetween(2, 3);
    try (var s = Files.list(dir)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  @DisplayName("a checkpoint half deleted by a killed run is not a checkpoint, and is cleared")
  void halfDeleted() throws IOException {
    // What a SIGKILL in the middle of deleting an old checkpoint left before deletions became
    // rename-then-delete: the directory under its real name, without state.json.
    Path half = Files.createDirectories(dir.resolve("ckpt-000000000008-000001-000000"));
    Files.writeString(half.resolve(Checkpoints.MODEL), "partial");
    train(3, 0.1, new CheckpointPolicy(dir, 0, 1));
    List<Path> kept = Checkpoints.list(dir);
    assertThat(kept).isNotEmpty().allMatch(p -> Files.isRegularFile(p.resolve(Checkpoints.STATE)));
    try (var s = Files.list(dir)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  @DisplayName("a missing file or directory is a one-line error naming it")
  void missing() throws IOException {
    assertThatThrownBy(() -> Checkpoints.latest(dir.resolve("nope")))
        .isInstanceOf(CheckpointException.class).hasMessageContaining("nope")
        .hasMessageContaining("no such checkpoint directory");
    train(1, 0.1, CheckpointPolicy.everyEpoch(dir));
    Path c = Checkpoints.latest(dir);
    Files.delete(c.resolve(Checkpoints.OPTIMIZER));
    assertThatThrownBy(() -> Checkpoints.read(c)).isInstanceOf(CheckpointException.class)
        .hasMessage(c.resolve(Checkpoints.OPTIMIZER) + ": missing: not a complete checkpoint");
  }
}
