package dev.disciplina.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, bit-identical outputs, with PyTorch's default intra-op thread count: within one
 * JVM and between two. (PyTorch fixes how it splits work for a given thread count, and sets
 * MKL's dynamic threading off; changing the thread count may change the last bits.)
 */
@DisplayName("The djl backend is deterministic")
class DjlDeterminismTest {

  @Test
  @DisplayName("repeating a computation in one JVM gives bit-identical results")
  void inProcess() {
    String first = DeterminismProbe.fingerprint(Ref.backend());
    String second = DeterminismProbe.fingerprint(Ref.backend());
    assertThat(second).isEqualTo(first);
  }

  @Test
  @DisplayName("another JVM computes bit-identical results")
  void acrossJvms() throws IOException, InterruptedException {
    String here = DeterminismProbe.fingerprint(Ref.backend());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 24) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DeterminismProbe.class.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("fingerprint " + here);
  }
}
