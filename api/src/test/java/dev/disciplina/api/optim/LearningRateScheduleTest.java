package dev.disciplina.api.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  @DisplayName("a step schedule multiplies by gamma every few epochs")
  void step() {
    LearningRateSchedule s = LearningRateSchedule.step(0.1, 2, 0.5);
    assertThat(s.rate(1)).isEqualTo(0.1);
    assertThat(s.rate(2)).isEqualTo(0.1);
    assertThat(s.rate(3)).isEqualTo(0.05);
    assertThat(s.rate(5)).isEqualTo(0.025);
  }

  @Test
  @DisplayName("an exponential schedule multiplies by gamma every epoch")
  void exponential() {
    LearningRateSchedule s = LearningRateSchedule.exponential(1.0, 0.9);
    assertThat(s.rate(1)).isEqualTo(1.0);
    assertThat(s.rate(3)).isCloseTo(0.81, within(1e-12));
  }

  @Test
  @DisplayName("a cosine schedule goes from the base rate to the minimum, halfway at the middle")
  void cosine() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 11, 0.0);
    assertThat(s.rate(1)).isCloseTo(1.0, within(1e-12));
    assertThat(s.rate(6)).isCloseTo(0.5, within(1e-12));
    assertThat(s.rate(11)).isCloseTo(0.0, within(1e-12));
    assertThat(s.rate(20)).isEqualTo(0.0);
  }

  @Test
  @DisplayName("warm-up rises linearly, then hands over to the schedule from its first epoch")
  void warmup() {
    LearningRateSchedule s = LearningRateSchedule.warmup(3, LearningRateSchedule.constant(0.4));
    assertThat(s.rate(1)).isCloseTo(0.1, within(1e-12));
    assertThat(s.rate(3)).isCloseTo(0.3, within(1e-12));
    assertThat(s.rate(4)).isEqualTo(0.4);
  }

  @Test
  @DisplayName("NaN rates and bad factors are rejected by name")
  void rejects() {
    assertThatThrownBy(() -> LearningRateSchedule.constant(Double.NaN))
        .hasMessageContaining("learning rate");
    assertThatThrownBy(() -> LearningRateSchedule.step(0.1, 0, 0.5)).hasMessageContaining("every");
    assertThatThrownBy(() -> LearningRateSchedule.exponential(0.1, 1.5))
        .hasMessageContaining("gamma");
  }
}
