package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ctrl-C during train")
class CtrlCTest {

  @Test
  @DisplayName("SIGINT ends the run with the summary of the epochs done and the verdict so far, exit 130")
  void interrupt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
        "--backend", "cpu", "--epochs", "500", "--quiet");
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("epoch   2/500")) {
          new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
      }
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isEqualTo(CtrlC.EXIT_CODE);
    assertThat(err).contains("stopping at the end of this epoch");
    assertThat(lines).anyMatch(l -> l.equals("stopped: stopped by listener (" + CtrlC.REASON + ")"))
        .anyMatch(l -> l.startsWith("best epoch "));
    assertThat(lines.get(lines.size() - 1)).startsWith("verdict: ");
    assertThat(lines.stream().filter(l -> l.startsWith("epoch ")).count()).isBetween(2L, 10L);
  }
}
