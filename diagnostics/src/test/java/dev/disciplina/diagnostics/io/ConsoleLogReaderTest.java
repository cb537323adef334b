package dev.disciplina.diagnostics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.diagnostics.LearningCurves;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Console output pasted from a terminal or a notebook")
class ConsoleLogReaderTest {

  private static LearningCurves auto(String text) throws CurveReadException {
    assertThat(CurveReaders.detect("log.txt", text)).isEqualTo(CurveFormat.CONSOLE);
    return CurveReaders.parse("log.txt", text, CurveFormat.AUTO);
  }

  @Test
  @DisplayName("Keras 2: Epoch N/M then a progress bar redrawn with carriage returns; the epoch's last line wins")
  void keras2() throws CurveReadException {
    String text = "Epoch 1/3\r\n"
        + "  32/1875 [..............................] - ETA: 3s - loss: 2.3000 - accuracy: 0.1000\r"
        + "1875/1875 [==============================] - 3s 2ms/step - loss: 0.4100 - accuracy: 0.8500 - val_loss: 0.5200 - val_accuracy: 0.8000\n"
        + "Epoch 2/3\n"
        + "1875/1875 [==============================] - 3s 2ms/step - loss: 0.3000 - accuracy: 0.8900 - val_loss: 0.4000 - val_accuracy: 0.8500\n"
        + "Epoch 3/3\n"
        + "1875/1875 [==============================] - 3s 2ms/step - loss: 0.2500 - accuracy: 0.9100 - val_loss: 0.3900 - val_accuracy: 0.8600\n";
    LearningCurves c = auto(text);
    assertThat(c.epochs()).containsExactly(1, 2, 3);
    assertThat(c.trainLoss()).containsExactly(0.41, 0.30, 0.25);
    assertThat(c.valLoss()).containsExactly(0.52, 0.40, 0.39);
    assertThat(c.valAccuracy()).containsExactly(0.80, 0.85, 0.86);
  }

  @Test
  @DisplayName("Keras 3: colour escapes and accuracy printed before loss")
  void keras3() throws CurveReadException {
    String bar = "\u001b[1m668/668\u001b[0m \u001b[32m━━━━━━━━━━━━━━━━━━━━\u001b[0m\u001b[37m\u001b[0m \u001b[1m3s\u001b[0m 4ms/step";
    String text = "Epoch 1/2\n" + bar + " - accuracy: 0.5593 - loss: 0.6855 - val_accuracy: 0.5680 - val_loss: 0.6805\n"
        + "Epoch 2/2\n" + bar + " - accuracy: 0.6000 - loss: 0.6500 - val_accuracy: 0.6100 - val_loss: 0.6400\n";
    LearningCurves c = auto(text);
    assertThat(c.trainLoss()).containsExactly(0.6855, 0.65);
    assertThat(c.valLoss()).containsExactly(0.6805, 0.64);
    assertThat(c.trainAccuracy()).containsExactly(0.5593, 0.6);
  }

  @Test
  @DisplayName("notebook output stored as JSON strings is decoded first")
  void notebook() throws CurveReadException {
    String text = "     \"text\": [\n"
        + "      \"Epoch 1/2\\n\",\n"
        + "      \"\\u001b[1m10/10\\u001b[0m - loss: 0.9000 - val_loss: 1.0000\\n\",\n"
        + "      \"Epoch 2/2\\n\",\n"
        + "      \"\\u001b[1m10/10\\u001b[0m - loss: 0.8000 - val_loss: 0.9500\\n\"\n";
    LearningCurves c = auto(text);
    assertThat(c.trainLoss()).containsExactly(0.9, 0.8);
    assertThat(c.valLoss()).containsExactly(1.0, 0.95);
  }

  @Test
  @DisplayName("PyTorch prints: 'Epoch [3/50], Train Loss: ..', 'Epoch 3: train_loss=..', 'epoch 3 train loss ..'; accuracy percentages read as fractions")
  void pytorch() throws CurveReadException {
    LearningCurves a = auto("2025-04-24 21:17:53,828 - INFO - Epoch [1/50], Train Loss: 1.9463, Train Acc: 20.34%, "
        + "Val Loss: 1.9097, Val Acc: 17.37%\n"
        + "2025-04-24 21:17:53,828 - INFO - Saved best model\n"
        + "2025-04-24 21:19:45,876 - INFO - Epoch [2/50], Train Loss: 1.9370, Train Acc: 22.31%, "
        + "Val Loss: 1.8992, Val Acc: 24.71%\n");
    assertThat(a.trainLoss()).containsExactly(1.9463, 1.937);
    assertThat(a.valAccuracy()).containsExactly(0.1737, 0.2471);
    LearningCurves b = auto("INFO:Epoch 1: train_loss=0.0717, val_loss=0.0766\nINFO:Epoch 2: train_loss=0.0578, val_loss=0.0507\n");
    assertThat(b.valLoss()).containsExactly(0.0766, 0.0507);
    LearningCurves c = auto("epoch 1 train loss 0.41 val loss 0.52\nepoch 2 train loss 0.31 val loss 0.50\n");
    assertThat(c.trainLoss()).containsExactly(0.41, 0.31);
    assertThat(c.valLoss()).containsExactly(0.52, 0.50);
  }

  @Test
  @DisplayName("a regression log (mse, mae, val_mae) is read; without Epoch markers each line with a validation loss is an epoch")
  void regression() throws CurveReadException {
    LearningCurves c = auto("100/100 - loss: 0.54 - mae: 0.38 - val_loss: 0.32 - val_mae: 0.27\n"
        + "100/100 - loss: 0.33 - mae: 0.29 - val_loss: 0.24 - val_mae: 0.22\n");
    assertThat(c.epochs()).containsExactly(1, 2);
    assertThat(c.trainLoss()).containsExactly(0.54, 0.33);
    assertThat(c.metrics()).containsKeys("mae", "val_mae");
    assertThat(c.classes()).isEmpty();
  }

  @Test
  @DisplayName("a restarted script appending to one log gives one run per restart, the last by default")
  void restarts() throws CurveReadException {
    String run = "Epoch [1/2], Train Loss: %s, Val Loss: 1.0\nEpoch [2/2], Train Loss: 0.5, Val Loss: 0.9\n";
    String text = String.format(run, "2.0") + String.format(run, "3.0");
    List<LearningCurves> runs = CurveReaders.parseRuns("log.txt", text, CurveFormat.AUTO);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).trainLoss()).containsExactly(3.0, 0.5);
    assertThat(CurveReaders.parse("log.txt", text, CurveFormat.AUTO).trainLoss()).containsExactly(3.0, 0.5);
  }

  @Test
  @DisplayName("console text without losses is a one-line error saying what was expected")
  void nothing() {
    assertThatThrownBy(() -> CurveReaders.parse("log.txt", "hello\nworld\n", CurveFormat.CONSOLE))
        .isInstanceOf(CurveReadException.class)
        .hasMessageStartingWith("log.txt: no epochs found: expected lines like");
  }
}
