package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the disciplina command")
class MainTest {

  @TempDir Path dir;

  /** The exit code and what was printed. */
  record Result(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    String last() {
      List<String> l = lines();
      return l.get(l.size() - 1);
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** Exit code 2 and exactly one line on stderr, without a stack trace. */
  static void assertUsageError(Result r, String fragment) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("disciplina: ").contains(fragment).doesNotContain("\tat ");
  }

  @Nested
  @DisplayName("backends")
  class BackendsCommandTest {
    @Test
    @DisplayName("prints NAME<TAB>available|unavailable<TAB>DETAIL per backend, cpu among them")
    void lists() {
      Result r = run("backends");
      assertThat(r.code()).isZero();
      assertThat(r.lines()).isNotEmpty()
          .allMatch(l -> l.matches("[a-z0-9-]+\t(available|unavailable)\t[^\t]*"))
          .anyMatch(l -> l.startsWith("cpu\tavailable\t"));
    }
  }

  @Nested
  @DisplayName("train")
  class TrainCommandTest {
    @Test
    @DisplayName("prints one line per epoch, writes the history CSV and ends with the verdict")
    void trains() throws Exception {
      Path history = dir.resolve("h.csv");
      Result r = run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "4",
          "--batch-size", "16", "--lr", "0.01", "--history", history.toString(), "--quiet");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.lines().stream().filter(l -> l.startsWith("epoch "))).hasSize(4)
          .allMatch(l -> l.contains("train_loss") && l.contains("val_loss")
              && l.contains("val_accuracy"));
      assertThat(r.last()).matches("verdict: (HEALTHY|OVERFITTING|UNDERFITTING|DIVERGING|INCONCLUSIVE)");
      List<String> csv = Files.readAllLines(history);
      assertThat(csv.get(0)).isEqualTo("epoch,train_loss,train_loss_std,train_eval_loss,val_loss,"
          + "train_accuracy,val_accuracy,learning_rate,iterations,seconds");
      assertThat(csv).hasSize(5);
    }

    @Test
    @DisplayName("the same seed writes the same CSV but for the seconds column")
    void repeatable() throws Exception {
      Path a = dir.resolve("a.csv");
      Path b = dir.resolve("b.csv");
      for (Path p : List.of(a, b)) {
        assertThat(run("train", "--backend", "cpu", "--dataset", "wine", "--epochs", "3",
            "--dropout", "0.2", "--seed", "5", "--history", p.toString(), "--quiet").code())
            .isZero();
      }
      assertThat(withoutSeconds(a)).isEqualTo(withoutSeconds(b));
    }

    private List<String> withoutSeconds(Path p) throws Exception {
      return Files.readAllLines(p).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    @DisplayName("trains a regression from a CSV file with MAE and RMSE columns")
    void regressionCsv() throws Exception {
      Path data = dir.resolve("line.csv");
      StringBuilder s = new StringBuilder("x1,x2,y\n");
      for (int i = 0; i < 200; i++) {
        double x1 = (i % 17) / 17.0;
        double x2 = (i % 11) / 11.0;
        s.append(x1).append(',').append(x2).append(',').append(2 * x1 - x2 + 0.5 + i * 1e-4)
            .append('\n');
      }
      Files.writeString(data, s);
      Path history = dir.resolve("r.csv");
      Result r = run("train", "--backend", "cpu", "--dataset", "csv:" + data, "--model",
          "linear", "--epochs", "3", "--lr", "0.05", "--history", history.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("regression").contains("val_rmse");
      assertThat(Files.readAllLines(history).get(0)).contains("train_mae,val_mae,train_rmse,val_rmse");
    }

    @Test
    @DisplayName("an unknown dataset, backend, model or optimizer is one line on stderr and exit 2")
    void usageErrors() {
      assertUsageError(run("train", "--dataset", "mnist"), "unknown dataset 'mnist'");
      assertUsageError(run("train", "--backend", "tpu", "--dataset", "iris"),
          "unknown backend 'tpu'");
      assertUsageError(run("train", "--model", "cnn:3"), "unknown model 'cnn:3'");
      assertUsageError(run("train", "--model", "mlp:0"), "'0' is not a layer size");
      assertUsageError(run("train", "--optimizer", "lbfgs"), "unknown optimizer 'lbfgs'");
      assertUsageError(run("train", "--epochs", "x"), "'x' is not an int");
      assertUsageError(run("train", "--dropout", "1.5"), "--dropout must be in [0, 1)");
      assertUsageError(run("train", "--frobnicate"), "Unknown option");
    }

    @Test
    @DisplayName("a missing or malformed data file is one line naming the file and line, exit 2")
    void fileErrors() throws Exception {
      assertUsageError(run("train", "--dataset", "csv:" + dir.resolve("none.csv")), "none.csv");
      Path bad = dir.resolve("bad.csv");
      Files.writeString(bad, "a,b,label\n1,2,x\n3,oops,y\n");
      assertUsageError(run("train", "--backend", "cpu", "--dataset", "csv:" + bad),
          "bad.csv:3: column 2");
      assertUsageError(run("train", "--backend", "cpu", "--dataset", "idx:" + dir),
          "train-images-idx3-ubyte");
    }
  }

  @Nested
  @DisplayName("diagnose")
  class DiagnoseCommandTest {
    @Test
    @DisplayName("prints FILE<TAB>VERDICT per file, or one JSON object per line")
    void diagnoses() throws Exception {
      Path history = dir.resolve("h.csv");
      assertThat(run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "5",
          "--history", history.toString(), "--quiet").code()).isZero();
      Result text = run("diagnose", history.toString());
      assertThat(text.code()).isZero();
      assertThat(text.out().strip()).matches(java.util.regex.Pattern.quote(history.toString())
          + "\t[A-Z]+");
      Result json = run("diagnose", "--json", "--classes", "3", history.toString(),
          history.toString());
      assertThat(json.code()).isZero();
      assertThat(json.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{")
          .contains("\"file\":").contains("\"verdict\":").contains("\"bestEpoch\":")
          .contains("\"reasons\":").contains("\"advice\":"));
    }

    @Test
    @DisplayName("a file that cannot be read gives exit 2 after the others are diagnosed")
    void unreadable() throws Exception {
      Path good = dir.resolve("good.csv");
      Files.writeString(good, "epoch,train_loss,val_loss\n1,1.0,1.1\n2,0.8,0.9\n3,0.7,0.8\n");
      Result r = run("diagnose", dir.resolve("missing.csv").toString(), good.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).contains("good.csv\t");
      assertThat(r.err()).contains("missing.csv").doesNotContain("\tat ");
    }
  }

  @Test
  @DisplayName("no command prints the usage and exits 2")
  void noCommand() {
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: disciplina");
  }
}
