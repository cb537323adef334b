package dev.disciplina.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.report.TerminalPlot.Glyphs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The terminal plot")
class TerminalPlotTest {

  @Test
  @DisplayName("a run's loss curves in Unicode match their golden file")
  void unicodeGolden() {
    Golden.assertMatches("losses-unicode.txt", TerminalPlot.losses(Runs.overfitting().curves(), Glyphs.UNICODE).render());
  }

  @Test
  @DisplayName("a run's loss curves in ASCII match their golden file and use only 7-bit characters")
  void asciiGolden() {
    String plot = TerminalPlot.losses(Runs.underfitting().curves(), Glyphs.ASCII).render();
    Golden.assertMatches("losses-ascii.txt", plot);
    assertThat(plot.chars()).allMatch(c -> c < 128);
  }

  @Test
  @DisplayName("losses spanning more than a decade get a log-scale y axis; a narrow span a linear one")
  void logScale() {
    assertThat(TerminalPlot.losses(Runs.overfitting().curves(), Glyphs.ASCII).render()).contains("(log scale)");
    assertThat(TerminalPlot.losses(Runs.underfitting().curves(), Glyphs.ASCII).render()).doesNotContain("(log scale)");
  }

  @Test
  @DisplayName("the legend names every series with its glyph")
  void legend() {
    String plot = TerminalPlot.losses(Runs.overfitting().curves(), Glyphs.UNICODE).render();
    assertThat(plot).contains("• training loss", "× training loss (eval mode)", "+ validation loss");
  }

  @Test
  @DisplayName("a curve's highest point is on the top row and its lowest on the bottom row")
  void extremes() {
    String plot = TerminalPlot.builder().glyphs(Glyphs.ASCII).size(20, 5).logY(false)
        .series("up", new double[] {0, 1, 2, 3, 4}, new double[] {0, 1, 2, 3, 4}).build().render();
    String[] lines = plot.split("\n");
    assertThat(lines[0]).endsWith("*");
    assertThat(lines[4]).matches("\\s*0\\+\\*.*");
  }

  @Test
  @DisplayName("a log-scale x axis draws a learning-rate sweep; non-finite values leave a gap")
  void logX() {
    String plot = TerminalPlot.builder().glyphs(Glyphs.ASCII).xLabel("learning rate").logX(true)
        .series("loss", new double[] {1e-5, 1e-4, 1e-3, 1e-2, 1e-1}, new double[] {2.3, 2.2, 1.5, 0.9, Double.NaN})
        .build().render();
    assertThat(plot).contains("1e-05", "0.1", "learning rate");
  }

  @Test
  @DisplayName("the glyphs follow the output's encoding: Unicode for UTF-8, ASCII otherwise")
  void glyphsForCharset() {
    assertThat(Glyphs.forCharset(StandardCharsets.UTF_8)).isEqualTo(Glyphs.UNICODE);
    assertThat(Glyphs.forCharset(StandardCharsets.US_ASCII)).isEqualTo(Glyphs.ASCII);
    assertThat(Glyphs.forCharset(StandardCharsets.ISO_8859_1)).isEqualTo(Glyphs.ASCII);
  }

  @Test
  @DisplayName("a plot without series, or too small to read, is refused")
  void refused() {
    assertThatThrownBy(() -> TerminalPlot.builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TerminalPlot.builder().size(3, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 by 4");
  }
}
