package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("demo")
class DemoCommandTest {

  @TempDir Path dir;

  @Test
  @DisplayName("the three runs get the verdicts they were built for, and their comparison page is written")
  void verdicts() throws Exception {
    Path page = dir.resolve("demo-report.html");
    MainTest.Result r = MainTest.run("demo", "--backend", "cpu", "--report", page.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("underfit  UNDERFITTING  (built to underfitting)")
        .contains("overfit   OVERFITTING   (built to overfitting)")
        .contains("good fit  HEALTHY       (built to healthy)")
        .contains("Report of the three runs: " + page.toAbsolutePath());
    String html = Files.readString(page);
    assertThat(html).contains("Disciplina comparison: 3 runs", "underfit validation", "overfit validation",
        "good fit validation", "UNDERFITTING: ", "OVERFITTING: ", "HEALTHY: ");
  }
}
