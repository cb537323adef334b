package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("demo")
class DemoCommandTest {

  @Test
  @DisplayName("the three runs get the verdicts they were built for")
  void verdicts() {
    MainTest.Result r = MainTest.run("demo", "--backend", "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("underfit  UNDERFITTING  (built to underfitting)")
        .contains("overfit   OVERFITTING   (built to overfitting)")
        .contains("good fit  HEALTHY       (built to healthy)");
  }
}
