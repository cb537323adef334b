package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The JIT warm-up")
class WarmupTest {

  @Test
  @DisplayName("runs every kernel without error (on its daemon thread a failure would go unseen)")
  void runs() {
    assertThatCode(() -> Warmup.rounds(5)).doesNotThrowAnyException();
  }
}
