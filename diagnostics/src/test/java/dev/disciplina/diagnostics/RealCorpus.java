package dev.disciplina.diagnostics;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * The development corpus of real learning curves in {@code src/test/resources/real-curves} (see
 * its README and NOTICE): labelled runs copied from public repositories, each with its raw log.
 */
final class RealCorpus {

  /** One labelled run: the record of {@code curves.jsonl} or {@code ambiguous.jsonl}. */
  record Run(String id, String repository, String label, Path raw, OptionalInt run, double[] trainLoss,
      double[] valLoss, String why) {

    /** True for the half of the corpus the rules were designed on; the rest is held out. */
    boolean development() {
      return RealCorpus.development(repository);
    }
  }

  /**
   * The run a user selects with {@code --run N} in files that hold several runs (the epoch
   * counter restarts); without it the reader takes the last run, which is what every other
   * multi-run record of the corpus uses.
   */
  static final Map<String, Integer> RUN_OPTION = Map.of(
      "ahmedz41-apnea-cnn-run1", 1,
      "lukasbinau-mnist-mlp-run1", 1,
      "lukasbinau-mnist-mlp-run7", 7,
      "devbiradar-betel-qah", 2,
      "devbiradar-betel-qtl-baseline", 1);

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private RealCorpus() {}

  static Path root() {
    try {
      return Path.of(RealCorpus.class.getResource("/real-curves/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The labelled runs of {@code curves.jsonl}. */
  static List<Run> labelled() {
    return load("curves.jsonl");
  }

  /** The runs of {@code ambiguous.jsonl}: read, not scored. */
  static List<Run> ambiguous() {
    return load("ambiguous.jsonl");
  }

  /**
   * The split: CRC-32 of {@code owner/repo}, lower case, even for development. Runs of one
   * repository stay together, so no half sees a sibling of a curve in the other.
   */
  static boolean development(String repository) {
    CRC32 crc = new CRC32();
    crc.update(repository.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return (crc.getValue() & 1) == 0;
  }

  private static List<Run> load(String name) {
    Path root = root();
    List<Run> runs = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(root.resolve(name), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode r = JSON.readTree(line);
        String id = r.get("id").asText();
        String source = r.get("source").asText();
        String[] parts = source.substring("github:".length()).split("/");
        String repository = parts[0] + "/" + parts[1];
        Integer run = RUN_OPTION.get(id);
        runs.add(new Run(id, repository, r.get("label").asText(), root.resolve(r.get("raw").asText()),
            run == null ? OptionalInt.empty() : OptionalInt.of(run), doubles(r.get("train_loss")),
            doubles(r.get("val_loss")), r.get("why").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return runs;
  }

  private static double[] doubles(JsonNode array) {
    double[] a = new double[array.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = array.get(i).asDouble();
    }
    return a;
  }
}
