package dev.disciplina.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The run page")
class ReportPageTest {

  @Test
  @DisplayName("a single run's page matches its golden file byte for byte")
  void singleGolden() {
    Golden.assertMatches("single.html", ReportPage.single(Runs.overfitting()).html());
  }

  @Test
  @DisplayName("a comparison page matches its golden file byte for byte")
  void comparisonGolden() {
    Golden.assertMatches("comparison.html",
        ReportPage.comparison(List.of(Runs.overfitting(), Runs.underfitting())).html());
  }

  @Test
  @DisplayName("a regression run's page draws MAE on both splits instead of accuracy")
  void regressionGolden() {
    String html = ReportPage.single(Runs.regression()).html();
    assertThat(html).contains("aria-label=\"MAE\"", "validation mae", "training mae")
        .doesNotContain("aria-label=\"Accuracy\"");
    Golden.assertMatches("regression.html", html);
  }

  @Test
  @DisplayName("the same runs give the same bytes")
  void deterministic() {
    assertThat(ReportPage.single(Runs.overfitting()).html()).isEqualTo(ReportPage.single(Runs.overfitting()).html());
  }

  @Test
  @DisplayName("the loss panel has the running, eval-mode and validation losses, the batch band and the marked epochs")
  void lossPanel() {
    String html = ReportPage.single(Runs.overfitting()).html();
    assertThat(html).contains("training loss (running, train mode)", "training loss (eval mode)",
        "validation loss", "batch losses: mean \u00b1 1 std", "class=\"band\"", "best epoch ",
        "overfitting from ", "final weights from 20", "chance level ln 10");
    assertThat(html).contains("validation loss, smoothed").contains("smoothed as the diagnosis reads it");
  }

  @Test
  @DisplayName("the accuracy panel draws both splits, chance level and the majority-class baseline")
  void accuracyPanel() {
    String html = ReportPage.single(Runs.overfitting()).html();
    assertThat(html).contains("aria-label=\"Accuracy\"", "training accuracy", "validation accuracy",
        "chance level 1/10 = 0.1", "majority class = 0.102");
  }

  @Test
  @DisplayName("a learning-rate panel appears only when the rate changes")
  void learningRatePanel() {
    assertThat(ReportPage.single(Runs.overfitting()).html()).contains("aria-label=\"Learning rate\"");
    assertThat(ReportPage.single(Runs.underfitting()).html()).doesNotContain("aria-label=\"Learning rate\"");
  }

  @Test
  @DisplayName("the verdict is shown with its cause, evidence, advice and the configuration table")
  void verdict() {
    RunReport run = Runs.overfitting();
    String html = ReportPage.single(run).html();
    assertThat(html).contains(run.diagnosis().verdict() + ": " + run.diagnosis().cause().description());
    run.diagnosis().advice().forEach(a -> assertThat(html).contains(ReportPageTest.escape(a)));
    assertThat(html).contains("<th>model</th>", "<td>mlp:256,256</td>");
  }

  @Test
  @DisplayName("a page needs neither network nor script: no external references, no script element")
  void selfContained() {
    for (String html : List.of(ReportPage.single(Runs.overfitting()).html(),
        ReportPage.comparison(List.of(Runs.overfitting(), Runs.regression())).html())) {
      assertThat(html).doesNotContain("<script", "<link", "src=", "@import", "url(http");
      assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
    }
  }

  @Test
  @DisplayName("a comparison gives each run its own colour and sets the verdicts side by side")
  void comparison() {
    String html = ReportPage.comparison(List.of(Runs.overfitting(), Runs.underfitting())).html();
    assertThat(html).contains("overfit validation", "underfit validation", "stroke=\"#0072B2\"", "stroke=\"#D55E00\"");
    assertThat(html.split("<article class=\"verdict ", -1)).hasSize(3);
    assertThat(html).contains("<tr class=\"differs\">");
  }

  @Test
  @DisplayName("the manifest table appears when a run has a manifest")
  void manifest() {
    RunReport run = Runs.underfitting().withManifest(java.util.Map.of("config hash", "abc123"));
    assertThat(ReportPage.single(run).html()).contains("<h2>Manifest</h2>", "<td>abc123</td>");
    assertThat(ReportPage.single(Runs.underfitting()).html()).doesNotContain("<h2>Manifest</h2>");
  }

  @Test
  @DisplayName("writing replaces the page atomically and leaves no temporary file")
  void atomicWrite(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.html");
    Files.writeString(file, "old");
    ReportPage.single(Runs.overfitting()).write(file);
    assertThat(Files.readString(file)).isEqualTo(ReportPage.single(Runs.overfitting()).html());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Path fresh = dir.resolve("fresh.html");
      ReportPage.single(Runs.underfitting()).write(fresh);
      Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
      assertThat(Files.getPosixFilePermissions(fresh)).as("a page gets the permissions of any new file")
          .isEqualTo(Files.getPosixFilePermissions(plain));
    }
  }

  @Test
  @DisplayName("a diverged run's page says how many loss values are not drawn, and its lines break there")
  void nonFinite() {
    dev.disciplina.diagnostics.LearningCurves c = dev.disciplina.diagnostics.LearningCurves.of(
        new double[] {2.3, 1.5, Double.NaN, Double.POSITIVE_INFINITY}, new double[] {2.3, 1.7, Double.NaN, 4.0});
    String html = ReportPage.single(RunReport.of("diverged", c)).html();
    assertThat(html).contains("3 loss values are NaN or infinite and not drawn", "DIVERGING: ");
    assertThat(html).doesNotContain("NaN,", ",NaN", "inf,");
  }

  @Test
  @DisplayName("a comparison of no runs is refused")
  void noRuns() {
    assertThatThrownBy(() -> ReportPage.comparison(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  static String escape(String s) {
    return dev.disciplina.report.chart.SvgWriter.escape(s);
  }
}
