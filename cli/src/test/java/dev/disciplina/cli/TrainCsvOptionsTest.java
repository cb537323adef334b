package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("train --dataset csv:FILE")
class TrainCsvOptionsTest {

  @TempDir Path dir;

  /** Kaggle's Fashion-MNIST CSV layout: label first, then pixel1..pixelD, 10 classes. */
  private Path labelFirst(int rows, int pixels) throws Exception {
    StringBuilder s = new StringBuilder("label");
    for (int p = 1; p <= pixels; p++) {
      s.append(",pixel").append(p);
    }
    s.append('\n');
    for (int i = 0; i < rows; i++) {
      int label = i % 10;
      s.append(label);
      for (int p = 0; p < pixels; p++) {
        s.append(',').append((label * 25 + p * 7 + i) % 256);
      }
      s.append('\n');
    }
    Path file = dir.resolve("fashion-mnist_train.csv");
    Files.writeString(file, s);
    return file;
  }

  @Test
  @DisplayName("a label-first CSV with a header reports 10 classes and says which column held the labels")
  void labelFirst() throws Exception {
    Path file = labelFirst(200, 16);
    MainTest.Result r = run("train", "--dataset", "csv:" + file, "--epochs", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("label column 1 of 17, 'label' (named like a label)")
        .contains("16 features, 10 classes");
  }

  @Test
  @DisplayName("--label, --header and --task choose how the file is read")
  void options() throws Exception {
    Path file = dir.resolve("plain.csv");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      s.append(i % 3).append(',').append(i).append(',').append(i * 0.5).append('\n');
    }
    Files.writeString(file, s);
    MainTest.Result first = run("train", "--dataset", "csv:" + file, "--label", "0",
        "--header", "no", "--epochs", "1");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("label column 1 of 3, 'column 1' (as asked)")
        .contains("3 classes");
    MainTest.Result regression = run("train", "--dataset", "csv:" + file, "--label", "0",
        "--task", "regression", "--epochs", "1");
    assertThat(regression.code()).as(regression.err()).isZero();
    assertThat(regression.out()).contains("regression");
    assertUsageError(run("train", "--dataset", "csv:" + file, "--header", "maybe"),
        "--header must be yes, no or auto");
  }

  @Test
  @DisplayName("one class, or one non-integer label among classes, is one line naming the problem, exit 2")
  void badLabels() throws Exception {
    Path one = dir.resolve("one.csv");
    Files.writeString(one, "x,label\n1,a\n2,a\n3,a\n");
    assertUsageError(run("train", "--dataset", "csv:" + one), "1 class ('a')");
    Path fraction = dir.resolve("fraction.csv");
    StringBuilder s = new StringBuilder("x,label\n");
    for (int i = 0; i < 40; i++) {
      s.append(i).append(',').append(i % 2).append('\n');
    }
    s.append("41,0.5\n");
    Files.writeString(fraction, s);
    assertUsageError(run("train", "--dataset", "csv:" + fraction),
        "fraction.csv:42: label '0.5' in column 2 ('label') is not a whole number");
  }
}
