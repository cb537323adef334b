package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.io.CurveReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("HistoryCsv")
class HistoryCsvTest {

  @TempDir Path dir;

  private static EpochResult epoch(int n, double trainEval) {
    return new EpochResult(n, 1.0 / n, 0.1, trainEval, 1.5 / n, Map.of("accuracy", 0.5),
        Map.of("accuracy", 0.25), 0.001, 10, 10, 1.23456);
  }

  @Test
  @DisplayName("the header is the documented one and values read back exactly")
  void format() {
    HistoryCsv csv = new HistoryCsv(List.of("accuracy"));
    assertThat(csv.header()).isEqualTo("epoch,train_loss,train_loss_std,train_eval_loss,val_loss,"
        + "train_accuracy,val_accuracy,learning_rate,iterations,seconds");
    assertThat(csv.row(epoch(3, Double.NaN)))
        .isEqualTo("3," + 1.0 / 3 + ",0.1,," + 0.5 + ",0.5,0.25,0.001,10,1.235");
    assertThat(new HistoryCsv(List.of("mae", "rmse")).header())
        .contains("train_mae,val_mae,train_rmse,val_rmse");
  }

  @Test
  @DisplayName("writing replaces the file atomically and leaves no temporary file")
  void atomic() throws Exception {
    Path file = dir.resolve("h.csv");
    HistoryCsv csv = new HistoryCsv(List.of("accuracy"));
    csv.write(List.of(epoch(1, 0.9)), file);
    csv.write(List.of(epoch(1, 0.9), epoch(2, 0.4)), file);
    assertThat(Files.readAllLines(file)).hasSize(3);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  @DisplayName("a run that crashes leaves a complete history of the epochs it finished, which diagnostics reads")
  void crashLeavesCompleteFile() throws Exception {
    Path file = dir.resolve("run.csv");
    HistoryCsv csv = new HistoryCsv(List.of("accuracy"));
    TrainingListener crash = new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingContext c, EpochResult e) {
        if (e.epoch() == 3) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    Trainer trainer = new Trainer(TrainingConfig.builder().epochs(5).build(),
        Backends.named("cpu"), List.of(csv.listener(file), crash));
    assertThatThrownBy(() -> trainer.fit(Experiment.of(rng -> new Linear(4, 3, rng),
        m -> Adam.adam(m.parameters()).build(), Loss.softmaxCrossEntropy()),
        Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1))))
        .hasMessage("simulated crash");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo(csv.header());
    assertThat(lines.get(3)).startsWith("3,");
    LearningCurves curves = CurveReaders.read(file);
    assertThat(curves.size()).isEqualTo(3);
    assertThat(curves.trainEvalLoss()).hasSize(3);
    assertThat(curves.valAccuracy()).hasSize(3);
  }

  @Test
  @DisplayName("NaN and infinite losses are written nan, inf and -inf and read back as such, not as missing")
  void nonFinite() throws Exception {
    EpochResult diverged = new EpochResult(2, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
        Double.NaN, Map.of("accuracy", Double.NaN), Map.of("accuracy", 0.1), 1e9, 10, 10, 1);
    EpochResult negative = new EpochResult(3, Double.NEGATIVE_INFINITY, 0, 1, 2, Map.of(),
        Map.of(), 0.1, 10, 10, 1);
    HistoryCsv csv = new HistoryCsv(List.of("accuracy"));
    assertThat(csv.row(diverged)).isEqualTo("2,inf,nan,nan,nan,nan,0.1,1.0E9,10,1.000");
    assertThat(csv.row(negative)).isEqualTo("3,-inf,0.0,1.0,2.0,,,0.1,10,1.000");
    Path file = dir.resolve("diverged.csv");
    csv.write(List.of(epoch(1, 0.9), diverged), file);
    LearningCurves curves = CurveReaders.read(file);
    assertThat(curves.epochs()).hasSize(2);
    assertThat(curves.trainLoss().get(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(curves.valLoss().get(1)).isNaN();
  }

  @Test
  @DisplayName("curves read back from the file keep the batch-loss spread, as History.curves() gives it")
  void keepsTrainLossStd() throws Exception {
    Path file = dir.resolve("std.csv");
    Trainer trainer = new Trainer(TrainingConfig.builder().epochs(3).build(), Backends.named("cpu"), List.of());
    History h = trainer.fit(Experiment.of(rng -> new Linear(4, 3, rng), m -> Adam.adam(m.parameters()).build(),
        Loss.softmaxCrossEntropy()), Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)));
    new HistoryCsv(List.of("accuracy")).write(h, file);
    LearningCurves read = CurveReaders.read(file);
    assertThat(read.metrics().get("train_loss_std")).hasSize(3).allMatch(v -> v > 0)
        .isEqualTo(h.curves().metrics().get("train_loss_std"));
    assertThat(read.metrics().get("learning_rate")).isEqualTo(h.curves().metrics().get("learning_rate"));
  }
}
