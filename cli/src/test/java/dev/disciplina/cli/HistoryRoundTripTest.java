package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("train --history then diagnose")
class HistoryRoundTripTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}: {1}")
  @DisplayName("diagnose of the history file gives the verdict train printed")
  @CsvSource(delimiter = '|', value = {
      "INCONCLUSIVE | --epochs 1",
      "DIVERGING    | --optimizer sgd --lr 1e9 --epochs 5",
      "UNDERFITTING | --model linear --optimizer sgd --lr 0.00001 --epochs 5",
      "OVERFITTING  | --train-limit 100 --model mlp:256 --epochs 60 --lr 0.01",
      "HEALTHY      | --epochs 20"})
  void sameVerdict(String verdict, String settings) throws Exception {
    Path history = dir.resolve(verdict.toLowerCase() + ".csv");
    String[] base = {"train", "--quiet", "--backend", "cpu", "--history", history.toString()};
    String[] extra = settings.trim().split(" +");
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    MainTest.Result trained = run(args);
    assertThat(trained.code()).as(trained.err()).isZero();
    assertThat(trained.last()).isEqualTo("verdict: " + verdict);
    assertThat(Files.readString(history)).doesNotContain(",,,,");
    MainTest.Result diagnosed = run("diagnose", history.toString());
    assertThat(diagnosed.code()).as(diagnosed.err()).isZero();
    assertThat(diagnosed.out().trim()).isEqualTo(history + "\t" + verdict);
  }
}
