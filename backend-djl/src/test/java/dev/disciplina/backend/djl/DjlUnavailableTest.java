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

/** When PyTorch cannot load, the provider says why and discovery carries on. */
@DisplayName("The djl provider when PyTorch's natives cannot load")
class DjlUnavailableTest {

  @Test
  @DisplayName("reports unavailable with the reason, and the other backends are still listed")
  void unavailableWithReason() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    if (Runtime.version().feature() >= 24) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ListingProbe.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // A cache directory that cannot be created: DJL cannot extract the natives there.
    builder.environment().put("DJL_CACHE_DIR", "/proc/disciplina-no-such-dir");
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).as(output)
        .contains("backend djl available=false")
        .contains("Failed to extract PyTorch native library")
        .contains("backend cpu available=true");
  }
}
