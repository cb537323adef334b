package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("lr-find, train --preflight and train --fast-dev-run")
class LrFindAndPreflightCommandTest {

  @TempDir Path dir;

  @Test
  @DisplayName("lr-find takes the train options, plots the sweep and ends with the suggested learning rate")
  void lrFind() throws Exception {
    Path page = dir.resolve("lr.html");
    Result r = run("lr-find", "--dataset", "iris", "--backend", "cpu", "--model", "mlp:16",
        "--batch-size", "16", "--iterations", "60", "--report", page.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("lr-find: mlp:16 relu on iris", "loss against learning rate",
        "stopped: ");
    assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<svg",
        "smoothed loss", "suggested learning rate: ");
    assertThat(r.last()).matches("suggested learning rate: (\\d\\.\\d\\de[-+]\\d\\d|none \\(no clear valley: .*\\))");
  }

  @Test
  @DisplayName("lr-find refuses a train option it would ignore, with one line and exit code 2")
  void lrFindRefusesTrainOnly() {
    assertUsageError(run("lr-find", "--dataset", "iris", "--epochs", "3"), "--epochs is a train option");
    assertUsageError(run("lr-find", "--dataset", "iris", "--start-lr", "1", "--end-lr", "0.5"),
        "needs 0 < start < end");
  }

  @Test
  @DisplayName("train --preflight prints the checklist with pass/warn/fail and its summary before the epochs")
  void preflight() {
    Result r = run("train", "--dataset", "digits", "--backend", "cpu", "--epochs", "1",
        "--preflight", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("preflight: 9 checks on digits", "[pass] initial loss: ",
        "[pass] overfit one batch: ", "[pass] batch independence: ", "[pass] uses its input: ",
        "[pass] checkpoint round-trip: ", "preflight: ");
    assertThat(r.out().indexOf("preflight: 8 passed")).isLessThan(r.out().indexOf("epoch 1/1"));
  }

  @Test
  @DisplayName("train --fast-dev-run N runs N batches of training and of validation and writes nothing")
  void fastDevRun() throws Exception {
    Path history = dir.resolve("h.csv");
    Path report = dir.resolve("r.html");
    Result r = run("train", "--dataset", "digits", "--backend", "cpu", "--fast-dev-run", "2",
        "--batch-size", "16", "--history", history.toString(), "--report", report.toString(),
        "--checkpoint-dir", dir.resolve("ckpt").toString(), "--save-model",
        dir.resolve("m.safetensors").toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("epoch 1/1", "fast-dev-run: 2 training batches (32 examples) "
        + "and 2 validation batches ran (359 examples); nothing was written");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertUsageError(run("train", "--dataset", "iris", "--fast-dev-run", "-1"), "--fast-dev-run");
  }
}
