package dev.disciplina.diagnostics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The curve-log readers under fuzzing")
class CurveReadersFuzzTest {

  static final long SEED = 20261201L;
  static final int INPUTS = 100_000;

  private static final String[] TOKENS = {",", ";", "\t", " ", "\n", "\r\n", "\r", "\"", "{", "}", "[", "]", ":",
      "=", "-", "/", "%", "epoch", "Epoch", "step", "loss", "val_loss", "train_loss", "accuracy", "val_accuracy",
      "Epoch 3/20", "Epoch [2/5]", " - loss: ", " - val_loss: ", "nan", "inf", "-inf", "NaN", "Infinity", "null",
      "None", "0", "1", "-1", "0.5", "1e308", "-1e308", "1e-320", "99999999999", "2.3e", "\u001b[1m", "\u001b[0m",
      "<<<<<<< HEAD\n", "=======\n", ">>>>>>> x\n", "\uFEFF", "#", "\"history\":", "_epoch", "_step", "_0", "model"};

  /** Small valid logs in every format, the seeds of the mutations. */
  private static List<String> seeds() throws IOException, URISyntaxException {
    List<String> seeds = new ArrayList<>();
    Path fixtures = Path.of(CurveReadersFuzzTest.class.getResource("/curves/empty.csv").toURI()).getParent();
    Path raw = Path.of(CurveReadersFuzzTest.class.getResource("/real-curves/README.md").toURI()).resolveSibling("raw");
    for (Path dir : List.of(fixtures, raw)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
          // the first 40 lines: a valid log of a few epochs, small enough to parse 10^5 times
          String[] lines = text.split("\n", -1);
          seeds.add(String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 40))));
        }
      }
    }
    return seeds;
  }

  @Test
  @DisplayName("10^5 generated and mutated inputs each give curves or a CurveReadException with a message, never another exception")
  void fuzz() throws Exception {
    List<String> seeds = seeds();
    Random r = new Random(SEED);
    CurveFormat[] formats = CurveFormat.values();
    int curves = 0;
    int errors = 0;
    for (int i = 0; i < INPUTS; i++) {
      String input = r.nextInt(4) == 0 ? generate(r) : mutate(seeds.get(r.nextInt(seeds.size())), r);
      CurveFormat format = r.nextInt(3) == 0 ? formats[r.nextInt(formats.length)] : CurveFormat.AUTO;
      try {
        List<LearningCurves> runs = CurveReaders.parseRuns("fuzz.csv", input, format);
        assertThat(runs).isNotEmpty();
        if (i % 16 == 0) {
          Diagnostics.diagnose(runs.get(runs.size() - 1));
        }
        curves++;
      } catch (CurveReadException e) {
        assertThat(e.getMessage()).startsWith("fuzz.csv").doesNotContain("\n").hasSizeGreaterThan("fuzz.csv: ".length());
        errors++;
      } catch (RuntimeException | StackOverflowError e) {
        fail("input " + i + " (" + format + ") threw " + e + " for:\n" + input, e);
      }
    }
    System.out.printf("fuzzed %d inputs: %d read, %d CurveReadExceptions%n", INPUTS, curves, errors);
    assertThat(curves).isPositive();
    assertThat(errors).isPositive();
  }

  private static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(60);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(3) == 0 ? Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10))
          : TOKENS[r.nextInt(TOKENS.length)]);
    }
    return sb.toString();
  }

  private static String mutate(String seed, Random r) {
    StringBuilder sb = new StringBuilder(seed);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(5)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
        case 2 -> sb.setCharAt(at, (char) (32 + r.nextInt(95)));
        case 3 -> sb.setLength(at);
        default -> {
          int to = Math.min(sb.length(), at + r.nextInt(200));
          sb.insert(r.nextInt(sb.length()), sb.substring(at, to));
        }
      }
    }
    return sb.toString();
  }
}
