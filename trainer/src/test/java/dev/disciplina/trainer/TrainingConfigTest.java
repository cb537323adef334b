package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrainingConfig")
class TrainingConfigTest {

  @Test
  @DisplayName("defaults: 10 epochs of 32, shuffled, no clipping, no accumulation, no early stopping")
  void defaults() {
    TrainingConfig c = TrainingConfig.builder().build();
    assertThat(c.epochs()).isEqualTo(10);
    assertThat(c.batchSize()).isEqualTo(32);
    assertThat(c.shuffle()).isTrue();
    assertThat(c.dropLast()).isFalse();
    assertThat(c.clipping()).isInstanceOf(GradientClipping.None.class);
    assertThat(c.accumulateBatches()).isEqualTo(1);
    assertThat(c.earlyStopping()).isEmpty();
    assertThat(c.trainEvalSize()).isEqualTo(TrainingConfig.AUTO);
  }

  @Test
  @DisplayName("a configuration is immutable: toBuilder makes a changed copy")
  void immutable() {
    TrainingConfig a = TrainingConfig.builder().epochs(3).seed(9).clipByNorm(1).build();
    TrainingConfig b = a.toBuilder().epochs(4).build();
    assertThat(a.epochs()).isEqualTo(3);
    assertThat(b.epochs()).isEqualTo(4);
    assertThat(b.seed()).isEqualTo(9);
    assertThat(b.clipping()).isEqualTo(GradientClipping.byNorm(1));
    assertThat(b.toString()).contains("epochs=4").contains("ByNorm");
  }

  @Test
  @DisplayName("values that make no sense are refused with the value in the message")
  void validation() {
    assertThatThrownBy(() -> TrainingConfig.builder().epochs(0).build())
        .hasMessageContaining("epochs must be at least 1, got 0");
    assertThatThrownBy(() -> TrainingConfig.builder().batchSize(-1).build())
        .hasMessageContaining("batch size");
    assertThatThrownBy(() -> TrainingConfig.builder().accumulateBatches(0).build())
        .hasMessageContaining("accumulateBatches");
    assertThatThrownBy(() -> GradientClipping.byNorm(0)).hasMessageContaining("> 0");
    assertThatThrownBy(() -> GradientClipping.byValue(Double.POSITIVE_INFINITY))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> EarlyStopping.patience(0)).hasMessageContaining("patience");
    assertThatThrownBy(() -> TrainingConfig.builder().trainEvalSize(-2).build())
        .hasMessageContaining("trainEvalSize");
  }
}
