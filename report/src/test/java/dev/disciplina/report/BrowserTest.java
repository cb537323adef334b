package dev.disciplina.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the pages in a real browser: headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs; {@code -Ddisciplina.chromium=PATH} picks another binary). Skipped, with
 * the reason printed, only when no Chromium is installed.
 */
@DisplayName("The pages in a real browser (headless Chromium)")
class BrowserTest {

  static String chromium;

  @TempDir Path dir;

  @BeforeAll
  static void findChromium() {
    String configured = System.getProperty("disciplina.chromium");
    List<String> candidates = configured != null ? List.of(configured)
        : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    for (String c : candidates) {
      for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path p = c.contains("/") ? Path.of(c) : Path.of(dirName, c);
        if (Files.isExecutable(p)) {
          chromium = p.toString();
          return;
        }
      }
    }
    System.out.println("BrowserTest skipped: no Chromium found (looked for " + String.join(", ", candidates)
        + " on PATH); install Debian's chromium package, as .ci/run does");
  }

  /** What Chromium printed and the screenshot it took. */
  record Render(List<String> console, BufferedImage screenshot) {}

  private Render render(String html, String name, int width, int height) throws IOException, InterruptedException {
    assumeTrue(chromium != null, "no Chromium installed");
    Path page = dir.resolve(name + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path png = dir.resolve(name + ".png");
    Path log = dir.resolve(name + ".log");
    List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--enable-logging=stderr", "--v=0",
        "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
        page.toUri().toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish rendering " + name + " in 180 s");
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    assertThat(png).as("screenshot of %s; Chromium said:%n%s", name, Files.readString(log)).exists();
    return new Render(console, ImageIO.read(png.toFile()));
  }

  /** The share of pixels that are not the white background. */
  private static double inked(BufferedImage image) {
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          inked++;
        }
      }
    }
    return (double) inked / ((long) image.getWidth() * image.getHeight());
  }

  /** Pixels close to an Okabe-Ito colour: a drawn curve, not just text. */
  private static long pixelsNear(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int c = image.getRGB(x, y);
        if (Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) < 24 && Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) < 24
            && Math.abs((c & 255) - (rgb & 255)) < 24) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  @DisplayName("a single run's page loads without console messages and draws its curves")
  void single() throws Exception {
    Render r = render(ReportPage.single(Runs.overfitting()).html(), "single", 1400, 1300);
    assertThat(r.console()).as("console messages").isEmpty();
    assertThat(r.screenshot().getWidth()).isEqualTo(1400);
    assertThat(inked(r.screenshot())).as("share of non-white pixels").isGreaterThan(0.03);
    assertThat(pixelsNear(r.screenshot(), 0xD55E00)).as("vermillion pixels (validation loss)").isGreaterThan(500);
    assertThat(pixelsNear(r.screenshot(), 0x0072B2)).as("blue pixels (training loss)").isGreaterThan(500);
  }

  @Test
  @DisplayName("a comparison page loads without console messages and draws its curves")
  void comparison() throws Exception {
    Render r = render(ReportPage.comparison(List.of(Runs.overfitting(), Runs.underfitting(), Runs.regression()))
        .html(), "comparison", 1400, 1300);
    assertThat(r.console()).as("console messages").isEmpty();
    assertThat(inked(r.screenshot())).isGreaterThan(0.03);
    assertThat(pixelsNear(r.screenshot(), 0x009E73)).as("green pixels (third run)").isGreaterThan(300);
  }

  @Test
  @DisplayName("the check can fail: a page with a script error shows console messages, a blank page no ink")
  void checkCanFail() throws Exception {
    Render bad = render("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>", "bad",
        400, 300);
    assertThat(bad.console()).isNotEmpty();
    assertThat(inked(bad.screenshot())).isLessThan(0.001);
  }
}
