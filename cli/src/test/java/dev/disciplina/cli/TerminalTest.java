package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Terminal")
class TerminalTest {

  @Test
  @DisplayName("the progress bar follows whether stderr is a terminal: the launcher's word first, then stderr's device")
  void decides() {
    assertThat(Terminal.decide("true", null)).isTrue();
    assertThat(Terminal.decide("false", "/dev/pts/3")).isFalse();
    assertThat(Terminal.decide(null, "/dev/pts/3")).isTrue();
    assertThat(Terminal.decide(null, "/dev/tty1")).isTrue();
    assertThat(Terminal.decide(null, "/tmp/log.txt")).isFalse();
    assertThat(Terminal.decide(null, "pipe:[1234]")).isFalse();
    assertThat(Terminal.decide(null, null)).isFalse();
  }
}
