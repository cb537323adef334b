package dev.disciplina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.trainer.History;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the README's library example")
class TrainDigitsTest {

  @TempDir Path dir;

  @Test
  @DisplayName("trains digits to over 95% validation accuracy and writes one CSV row per epoch")
  void trainsDigits() throws Exception {
    Path csv = dir.resolve("history.csv");
    History history = TrainDigits.train(csv);

    assertThat(Files.readAllLines(csv)).hasSize(history.size() + 1);
    int best = history.bestEpoch().orElseThrow();
    assertThat(history.epochs().get(best - 1).validationMetric("accuracy")).isGreaterThan(0.95);
    assertThat(history.diagnose().summary()).isNotBlank();
  }
}
