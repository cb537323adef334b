package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("disciplina diagnose")
class DiagnoseCommandTest {

  @TempDir Path dir;

  /** A Keras CSVLogger file of a run that overfits from epoch 5. */
  private Path overfitting() throws IOException {
    StringBuilder sb = new StringBuilder("epoch,loss,val_loss\n");
    for (int e = 0; e < 30; e++) {
      double train = 0.2 + 1.8 * Math.exp(-e / 4.0);
      double val = 0.5 + 1.5 * Math.exp(-e / 3.0) + (e > 6 ? 0.02 * (e - 6) : 0);
      sb.append(e).append(',').append(train).append(',').append(val).append('\n');
    }
    Path file = dir.resolve("keras.csv");
    Files.writeString(file, sb.toString());
    return file;
  }

  @Test
  @DisplayName("--explain prints the rule that decided, the rules before it, and every measure")
  void explain() throws IOException {
    MainTest.Result r = run("diagnose", "--explain", overfitting().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("keras.csv\tOVERFITTING")
        .contains("decided by rule \"validation rising\"")
        .contains("rules tried before, which did not hold: non-finite loss, too few epochs")
        .contains("generalizationLoss").contains("riseSinceBest").doesNotContain("NaN");
    MainTest.Result json = run("diagnose", "--json", "--explain", overfitting().toString());
    assertThat(json.out()).contains("\"rule\":\"validation rising\"");
  }

  @Test
  @DisplayName("--format forces a format; an unknown one is a one-line error listing the known")
  void format() throws IOException {
    Path file = overfitting();
    assertThat(run("diagnose", "--format", "keras-csv", file.toString()).code()).isZero();
    assertUsageError(run("diagnose", "--format", "tensorboard", file.toString()), "known: auto");
    MainTest.Result plain = run("diagnose", "--format", "plain", file.toString());
    assertThat(plain.code()).isEqualTo(2);
    assertThat(plain.err()).contains("keras.csv:").contains("expected 2 columns");
  }

  @Test
  @DisplayName("of a file with several runs the last is diagnosed with a note, --run N picks another")
  void runs() throws IOException {
    Path file = dir.resolve("appended.csv");
    StringBuilder sb = new StringBuilder("epoch,loss,val_loss\n");
    for (int r = 0; r < 2; r++) {
      for (int e = 0; e < 12; e++) {
        sb.append(e).append(',').append(1.0 + r + Math.exp(-e)).append(',').append(1.1 + r + Math.exp(-e)).append('\n');
      }
    }
    Files.writeString(file, sb.toString());
    MainTest.Result last = run("diagnose", "--json", file.toString());
    assertThat(last.code()).isZero();
    assertThat(last.err()).contains("holds 2 runs").contains("--run N");
    assertThat(last.out()).contains("\"finalValLoss\":2.1");
    MainTest.Result first = run("diagnose", "--json", "--run", "1", file.toString());
    assertThat(first.err()).isEmpty();
    assertThat(first.out()).contains("\"finalValLoss\":1.1");
    MainTest.Result third = run("diagnose", "--run", "3", file.toString());
    assertThat(third.code()).isEqualTo(2);
    assertThat(third.err()).contains("appended.csv: --run 3 asked for, but the file holds 2 runs");
  }

  @Test
  @DisplayName("a gzip-compressed log is read by its content, whatever its name")
  void gzip() throws IOException {
    Path plain = overfitting();
    Path gz = dir.resolve("history.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readString(plain).getBytes(StandardCharsets.UTF_8));
    }
    MainTest.Result r = run("diagnose", gz.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\tOVERFITTING");
  }

  @Test
  @DisplayName("every raw file of the real-curve corpus is diagnosed with exit code 0")
  void corpus() throws IOException {
    Path raw = Path.of("..", "diagnostics", "src", "test", "resources", "real-curves", "raw");
    String[] args;
    try (Stream<Path> files = Files.list(raw)) {
      args = Stream.concat(Stream.of("diagnose", "--json"), files.sorted().map(Path::toString)).toArray(String[]::new);
    }
    assertThat(args.length).isGreaterThan(100);
    MainTest.Result r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(args.length - 2).allSatisfy(l -> assertThat(l).contains("\"verdict\":"));
  }
}
