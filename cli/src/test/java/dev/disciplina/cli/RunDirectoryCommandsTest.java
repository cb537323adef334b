package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.cli.MainTest.Result;
import dev.disciplina.trainer.manifest.RunManifest;
import dev.disciplina.trainer.manifest.RunManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("run directories, manifests, compare and sweep")
class RunDirectoryCommandsTest {

  @TempDir Path dir;

  private Path train(String name, String... options) {
    Path runDir = dir.resolve(name);
    String[] args = new String[options.length + 8];
    String[] base = {"train", "--backend", "cpu", "--dataset", "digits", "--quiet",
        "--run-dir", runDir.toString()};
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    Result r = run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return runDir;
  }

  private static List<String> historyWithoutSeconds(Path runDir) throws Exception {
    return Files.readAllLines(runDir.resolve("history.csv")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }

  @Test
  @DisplayName("--run-dir writes the history and a manifest that describes the run")
  void runDirectory() throws Exception {
    Path runDir = train("a", "--epochs", "3", "--lr", "0.002");
    RunManifest m = RunManifests.read(runDir);
    assertThat(Files.exists(runDir.resolve("history.csv"))).isTrue();
    try (var checkpoints = Files.list(runDir.resolve("checkpoints"))) {
      assertThat(checkpoints.toList()).isNotEmpty();
    }
    assertThat(m.configuration()).containsEntry("lr", "0.002").containsEntry("epochs", "3")
        .containsEntry("dataset", "digits").doesNotContainKeys("run-dir", "quiet", "backend");
    assertThat(m.backend().name()).isEqualTo("cpu");
    assertThat(m.data().trainSize() + m.data().validationSize()).isEqualTo(1797);
    assertThat(m.data().trainSha256()).hasSize(64);
    assertThat(m.model().parameterCount()).isEqualTo(64 * 64 + 64 + 64 * 10 + 10);
    assertThat(m.stopReason()).isEqualTo("completed");
    assertThat(m.verdict()).isNotNull();
    assertThat(m.endTime()).isNotNull();
  }

  @Test
  @DisplayName("a rerun from a manifest alone gives the same history")
  void rerunFromManifest() throws Exception {
    Path first = train("first", "--epochs", "4", "--dropout", "0.2", "--optimizer", "momentum");
    Path again = dir.resolve("again");
    Result r = run("train", "--from", first.resolve("run.json").toString(), "--quiet",
        "--run-dir", again.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(historyWithoutSeconds(again)).isEqualTo(historyWithoutSeconds(first));
    assertThat(RunManifests.read(again).configurationHash())
        .isEqualTo(RunManifests.read(first).configurationHash());
  }

  @Test
  @DisplayName("--set changes one setting of a rerun, and compare names exactly that change")
  void rerunWithSet() {
    Path first = train("first", "--epochs", "3");
    Path changed = dir.resolve("changed");
    Result r = run("train", "--from", first.toString(), "--set", "lr=0.005", "--quiet",
        "--run-dir", changed.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Result c = run("compare", first.toString(), changed.toString());
    assertThat(c.lines()).filteredOn(l -> l.startsWith("changed: "))
        .containsExactly("changed: lr 0.001 -> 0.005");
  }

  @Test
  @DisplayName("--from refuses an option that would change the run, and an unknown --set key")
  void rerunRefusals() {
    Path first = train("first", "--epochs", "3");
    assertUsageError(run("train", "--from", first.toString(), "--lr", "0.1"), "--set lr=VALUE");
    assertUsageError(run("train", "--from", first.toString(), "--set", "speed=3"),
        "'speed' is not a setting of a run");
    assertUsageError(run("train", "--set", "lr=3"), "goes with --from");
  }

  @Test
  @DisplayName("a malformed manifest is one line naming the file, line and column")
  void malformedManifest() throws Exception {
    Path bad = dir.resolve("run.json");
    Files.writeString(bad, "{\n  \"schema\": 1,\n  \"run_id\": \n");
    Result r = run("train", "--from", bad.toString());
    assertUsageError(r, bad + ":");
    assertThat(r.err()).contains("not a run manifest").doesNotContain("REDACTED");
    Files.writeString(bad, "{\"schema\": 1, \"run_id\": \"x\"}");
    assertUsageError(run("train", "--from", bad.toString()), "'configuration' is missing");
    Files.writeString(bad, "");
    assertUsageError(run("train", "--from", bad.toString()), "not a run manifest");
  }

  @Test
  @DisplayName("two runs differing only in --lr: one changed line and no warning")
  void compareOneChange() {
    Path a = train("a", "--epochs", "3");
    Path b = train("b", "--epochs", "3", "--lr", "0.01");
    Result r = run("compare", a.toString(), b.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).filteredOn(l -> l.startsWith("changed: "))
        .containsExactly("changed: lr 0.001 -> 0.01");
    assertThat(r.out()).doesNotContain("warning:");
    assertThat(r.lines()).anyMatch(l -> l.startsWith(a.toString()) && l.contains("INCONCLUSIVE"));
  }

  @Test
  @DisplayName("compare -o writes one page with every run, and overlays the losses in the terminal")
  void comparePage() throws Exception {
    Path a = train("a", "--epochs", "3");
    Path b = train("b", "--epochs", "3", "--lr", "0.01");
    Path page = dir.resolve("compare.html");
    Result r = run("compare", a.toString(), b.toString(), "-o", page.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String html = Files.readString(page);
    assertThat(html).contains("<svg").contains(a.toString()).contains(b.toString())
        .contains("lr");
    assertThat(r.out()).contains("validation loss").contains("training loss")
        .contains("comparison page: " + page);
    assertThat(Files.exists(a.resolve("report.html"))).isTrue();
  }

  @Test
  @DisplayName("two runs differing in --lr and --batch-size: two changed lines and a warning naming both")
  void compareTwoChanges() {
    Path a = train("a", "--epochs", "3");
    Path b = train("b", "--epochs", "3", "--lr", "0.01", "--batch-size", "64");
    Result r = run("compare", a.toString(), b.toString());
    assertThat(r.lines()).filteredOn(l -> l.startsWith("changed: "))
        .containsExactlyInAnyOrder("changed: lr 0.001 -> 0.01", "changed: batch-size 32 -> 64");
    assertThat(r.lines()).filteredOn(l -> l.startsWith("warning: more than one thing changed"))
        .singleElement().asString().contains("lr").contains("batch-size");
  }

  @Test
  @DisplayName("runs on other data are flagged as not comparable; a bare log has no configuration")
  void compareDataAndLogs() throws Exception {
    Path a = train("a", "--epochs", "3");
    Path b = train("b", "--epochs", "3", "--val-fraction", "0.3");
    Result r = run("compare", a.toString(), b.toString());
    assertThat(r.lines()).contains("changed: val-fraction 0.2 -> 0.3")
        .anyMatch(l -> l.startsWith("changed: data digits"))
        .anyMatch(l -> l.startsWith("warning: not comparable"))
        .noneMatch(l -> l.startsWith("warning: more than one thing changed"));
    Path log = dir.resolve("keras.csv");
    Files.writeString(log, "epoch,loss,val_loss\n0,1.0,1.1\n1,0.8,0.9\n2,0.7,0.8\n");
    Result l = run("compare", a.toString(), log.toString());
    assertThat(l.code()).as(l.err()).isZero();
    assertThat(l.out()).contains("configuration unknown");
    assertUsageError(run("compare", a.toString(), dir.resolve("missing").toString()),
        "no such file or directory");
  }

  @Test
  @DisplayName("a batch-size sweep writes one run directory per value and measures the batch size")
  void batchSizeSweep() throws Exception {
    Path out = dir.resolve("sweep");
    Result r = run("sweep", "--vary", "batch-size=16,64,256", "--out", out.toString(),
        "--backend", "cpu", "--dataset", "digits", "--epochs", "4");
    assertThat(r.code()).as(r.err()).isZero();
    for (String v : List.of("16", "64", "256")) {
      assertThat(Files.exists(out.resolve("batch-size=" + v).resolve("run.json"))).isTrue();
      assertThat(Files.exists(out.resolve("batch-size=" + v).resolve("noise-scale.csv")))
          .isTrue();
    }
    assertThat(r.lines()).filteredOn(l -> l.startsWith("changed: "))
        .containsExactly("changed: batch-size 16 -> 64", "changed: batch-size 16 -> 256");
    assertThat(r.out()).contains("what the batch size did:").contains("noise scale at target")
        .contains("critical batch size");
    assertThat(r.lines()).anyMatch(l -> l.trim().startsWith("16 ") && l.contains(" 90 "));
    assertThat(Files.readString(out.resolve("compare.html"))).contains("batch-size=256")
        .contains("Gradient noise scale");
  }

  @Test
  @DisplayName("sweep refuses a key it cannot vary, one value, and the varied option given again")
  void sweepRefusals() {
    assertUsageError(run("sweep", "--vary", "epochs=1,2"), "a sweep varies one of");
    assertUsageError(run("sweep", "--vary", "lr=0.1"), "at least two values");
    assertUsageError(run("sweep", "--vary", "lr=0.1,0.1"), "given twice");
    assertUsageError(run("sweep", "--vary", "lr=0.1,0.01", "--lr", "0.2"),
        "is what --vary lr varies");
    assertThat(SweepCommand.values("model", "mlp:64,32,mlp:16,linear"))
        .containsExactly("mlp:64,32", "mlp:16", "linear");
  }
}
