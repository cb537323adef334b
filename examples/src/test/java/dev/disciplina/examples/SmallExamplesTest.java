package dev.disciplina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the small examples")
class SmallExamplesTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a Keras CSVLogger log whose validation loss turns up is read and called OVERFITTING")
  void readsKerasLog() throws Exception {
    StringBuilder log = new StringBuilder("epoch,accuracy,loss,val_accuracy,val_loss\n");
    for (int e = 0; e < 30; e++) {
      double train = 1.0 / (1 + e);
      double val = 0.6 + 0.02 * (e - 8) * (e - 8) / 8;
      log.append(e).append(",0.9,").append(train).append(",0.8,").append(val).append('\n');
    }
    Path file = dir.resolve("training.log");
    Files.writeString(file, log);
    Diagnosis d = ReadKerasLog.diagnose(file);
    assertThat(d.verdict()).isEqualTo(Verdict.OVERFITTING);
  }

  @Test
  @DisplayName("a custom listener sees every epoch")
  void customListener() {
    assertThat(CustomListener.run(4)).hasSize(4).first().asString().startsWith("epoch 1: gap ");
  }
}
