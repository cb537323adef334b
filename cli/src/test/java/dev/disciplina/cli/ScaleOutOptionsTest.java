package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleOutOptionsTest {

  @Test
  @DisplayName("--shards 0 is a one-line usage error")
  void zeroShards() {
    assertUsageError(run("train", "--backend", "cpu", "--shards", "0"),
        "--shards must be at least 1, got 0");
  }

  @Test
  @DisplayName("a cluster master without --shards asks for the number of workers")
  void clusterMasterNeedsShards() {
    assertUsageError(run("train", "--backend", "cpu", "--spark", "yarn"),
        "give the number of workers with --shards N");
  }

  @Test
  @DisplayName("--spark with --run-dir is refused before any work")
  void sparkWithRunDir(@TempDir Path dir) {
    assertUsageError(run("train", "--backend", "cpu", "--spark", "local[2]", "--run-dir",
        dir.resolve("run").toString()), "need a run in this process");
  }

  @Test
  @DisplayName("batch norm under --shards is a one-line error naming the layer")
  void batchNormRefused() {
    assertUsageError(run("train", "--backend", "cpu", "--shards", "2", "--batch-norm",
        "--epochs", "1", "--quiet"), "is BatchNorm1d");
  }

  @Test
  @DisplayName("--shards 1 gives the plain run's history, --shards 3 trains to a close one")
  void shardsTrain(@TempDir Path dir) throws Exception {
    String[] common = {"train", "--backend", "cpu", "--epochs", "2", "--batch-size", "64",
        "--optimizer", "sgd", "--quiet", "--train-limit", "400"};
    Path plain = dir.resolve("plain.csv");
    Path one = dir.resolve("one.csv");
    Path three = dir.resolve("three.csv");
    assertThat(run(concat(common, "--history", plain.toString())).code()).isZero();
    assertThat(run(concat(common, "--shards", "1", "--history", one.toString())).code()).isZero();
    MainTest.Result r = run(concat(common, "--shards", "3", "--history", three.toString()));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(withoutSeconds(one)).isEqualTo(withoutSeconds(plain));
    assertThat(Files.readAllLines(three)).hasSameSizeAs(Files.readAllLines(plain));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static java.util.List<String> withoutSeconds(Path csv) throws Exception {
    return Files.readAllLines(csv).stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }
}
