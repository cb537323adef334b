package dev.disciplina.examples;

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
import dev.disciplina.trainer.EarlyStopping;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.HistoryCsv;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("library usage")
class LibraryUsageTest {

  @TempDir Path dir;

  @Test
  @DisplayName("the README's ten lines train digits to over 95% validation accuracy")
  void readmeExample() throws Exception {
    // As in README.md, "Use it as a library" (history written to a temporary directory).
    Split split = Split.random(EmbeddedDatasets.digits(), 0.2, 0, Rng.seeded(1)).standardized();
    Experiment mlp = Experiment.of(
        rng -> new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng)),
        model -> Adam.adam(model.parameters()).learningRate(1e-3).build(),
        Loss.softmaxCrossEntropy());
    TrainingConfig config = TrainingConfig.builder().epochs(20).batchSize(32).seed(1)
        .earlyStopping(EarlyStopping.patience(5)).build();
    History history = new Trainer(config, Backends.named("cpu"), List.of()).fit(mlp, split);
    new HistoryCsv(List.of("accuracy")).write(history, dir.resolve("history.csv"));
    String summary = history.diagnose().summary();

    assertThat(summary).isNotBlank();
    assertThat(Files.readAllLines(dir.resolve("history.csv"))).hasSize(history.size() + 1);
    int best = history.bestEpoch().orElseThrow();
    assertThat(history.epochs().get(best - 1).validationMetric("accuracy")).isGreaterThan(0.95);
  }
}
