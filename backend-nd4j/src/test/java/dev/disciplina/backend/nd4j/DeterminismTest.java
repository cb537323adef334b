package dev.disciplina.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Determinism")
class DeterminismTest {

  @Test
  @DisplayName("the same computation gives bit-identical results three times in one JVM")
  void repeatsInProcess() {
    String first = DeterminismProbe.digest(Backends.named("nd4j"));
    assertThat(DeterminismProbe.digest(Backends.named("nd4j"))).isEqualTo(first);
    assertThat(DeterminismProbe.digest(Backends.named("nd4j"))).isEqualTo(first);
  }

  @Test
  @DisplayName("threads computing at once, each in its own scopes, get the same bits as one alone")
  void concurrentThreads() throws Exception {
    String alone = DeterminismProbe.digest(Backends.named("nd4j"));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> digests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        digests.add(pool.submit(() -> DeterminismProbe.digest(Backends.named("nd4j"))));
      }
      for (Future<String> d : digests) {
        assertThat(d.get(120, TimeUnit.SECONDS)).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("another JVM with the same settings computes the same bits")
  void repeatsAcrossProcesses() throws IOException, InterruptedException {
    String here = DeterminismProbe.digest(Backends.named("nd4j"));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("--add-modules=jdk.incubator.vector");
    if (Runtime.version().feature() >= 24) {
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    for (String property : new String[] {Nd4jRuntime.THREADS_PROPERTY, Nd4jRuntime.BLAS_THREADS_PROPERTY}) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.add(DeterminismProbe.class.getName());
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output.lines().reduce((a, b) -> b).orElse("")).isEqualTo(here);
  }
}
