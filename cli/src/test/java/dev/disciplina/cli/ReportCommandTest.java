package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("report, train --report and diagnose --plot")
class ReportCommandTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String KERAS = "epoch,accuracy,loss,val_accuracy,val_loss\n"
      + "0,0.50,1.20,0.48,1.25\n1,0.62,0.95,0.60,1.00\n2,0.70,0.80,0.66,0.90\n3,0.74,0.70,0.69,0.86\n"
      + "4,0.78,0.62,0.70,0.85\n5,0.81,0.55,0.71,0.85\n";

  private static final String LIGHTNING = "epoch,step,train_loss,val_loss\n"
      + "0,9,1.1,\n0,9,,1.2\n1,19,0.9,\n1,19,,1.0\n2,29,0.7,\n2,29,,0.95\n3,39,0.6,\n3,39,,0.97\n";

  @Test
  @DisplayName("one file gives the run's page")
  void single() throws Exception {
    Path out = dir.resolve("one.html");
    MainTest.Result r = MainTest.run("report", write("keras.csv", KERAS).toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("report: " + out + " (1 run)");
    assertThat(Files.readString(out)).contains("Disciplina report: keras.csv", "validation loss",
        "aria-label=\"Accuracy\"", "<td>keras-csv</td>");
  }

  @Test
  @DisplayName("several files give one comparison page")
  void comparison() throws Exception {
    Path out = dir.resolve("cmp.html");
    MainTest.Result r = MainTest.run("report", write("keras.csv", KERAS).toString(),
        write("metrics.csv", LIGHTNING).toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(2 runs)");
    assertThat(Files.readString(out)).contains("Disciplina comparison: 2 runs", "keras.csv validation",
        "metrics.csv validation", "<td>lightning</td>");
  }

  @Test
  @DisplayName("real Keras CSV, Keras JSON, Lightning and console logs give one comparison page with a verdict each")
  void realLogs() throws Exception {
    Path raw = Path.of("..", "diagnostics", "src", "test", "resources", "real-curves", "raw");
    Path out = dir.resolve("real.html");
    MainTest.Result r = MainTest.run("report", raw.resolve("alexaemtz-ecg-ptbxl.csv").toString(),
        raw.resolve("alphaeusng-cars196-gap.json").toString(),
        raw.resolve("amitbatikoff-quantile-overshoot-v11.csv").toString(),
        raw.resolve("panstenos-sarcasm-lstm-run1.ipynb-lines.txt").toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(4 runs)");
    assertThat(Files.readString(out)).contains("<td>keras-csv</td>", "<td>keras-json</td>", "<td>lightning</td>",
        "<td>console</td>").containsPattern("(<article class=\"verdict [^\"]+\"[\\s\\S]*){4}");
  }

  @Test
  @DisplayName("a file holding several runs draws each of them on one comparison page")
  void severalRunsInOneFile() throws Exception {
    Path out = dir.resolve("appended.html");
    String appended = KERAS + KERAS.substring(KERAS.indexOf('\n') + 1);
    MainTest.Result r = MainTest.run("report", write("appended.csv", appended).toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(2 runs)", "appended.csv run 1", "appended.csv run 2");
    assertThat(Files.readString(out)).contains("<td>1 of 2 in the file</td>", "appended.csv run 2 validation");
  }

  @Test
  @DisplayName("an unreadable file is one line naming it, exit code 2, and no page")
  void unreadable() throws Exception {
    Path out = dir.resolve("bad.html");
    Path bad = write("bad.csv", "a,b,c\n1,2\n");
    MainTest.Result r = MainTest.run("report", write("keras.csv", KERAS).toString(), bad.toString(),
        "-o", out.toString());
    MainTest.assertUsageError(r, bad.toString());
    assertThat(out).doesNotExist();
    MainTest.assertUsageError(MainTest.run("report", dir.resolve("missing.csv").toString(), "-o", out.toString()),
        "missing.csv");
  }

  @Test
  @DisplayName("train --report writes the page with the three loss lines, the accuracy panel and the verdict, and its history has train_loss_std")
  void trainReport() throws Exception {
    Path page = dir.resolve("run.html");
    Path history = dir.resolve("h.csv");
    MainTest.Result r = MainTest.run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "4",
        "--batch-size", "16", "--lr", "0.01", "--report", page.toString(), "--history", history.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("report: " + page, "validation loss", "training loss (eval mode)");
    String html = Files.readString(page);
    assertThat(html).contains("training loss (running, train mode)", "training loss (eval mode)", "validation loss",
        "batch losses: mean \u00b1 1 std", "aria-label=\"Accuracy\"", "majority class = ", "completed after 4 epochs",
        "class=\"verdict-line\"", "<th>model</th>");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run.html", "h.csv");
    }
    assertThat(Files.readAllLines(history).get(0)).startsWith("epoch,train_loss,train_loss_std,");
  }

  @Test
  @DisplayName("train --report on a regression draws MAE and RMSE on both splits instead of accuracy")
  void regressionReport() throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 200; i++) {
      double x1 = (i % 17) / 17.0;
      double x2 = (i % 11) / 11.0;
      s.append(x1).append(',').append(x2).append(',').append(2 * x1 - x2 + 0.5).append('\n');
    }
    Path data = write("line.csv", s.toString());
    Path page = dir.resolve("reg.html");
    MainTest.Result r = MainTest.run("train", "--backend", "cpu", "--dataset", "csv:" + data, "--model", "linear",
        "--epochs", "3", "--lr", "0.05", "--quiet", "--report", page.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(page)).contains("aria-label=\"MAE\"", "aria-label=\"RMSE\"", "validation mae",
        "training rmse").doesNotContain("aria-label=\"Accuracy\"");
  }

  @Test
  @DisplayName("train --run-dir --report puts the run's manifest on the page as a table")
  void manifestOnPage() throws Exception {
    Path page = dir.resolve("m.html");
    MainTest.Result r = MainTest.run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "3", "--quiet",
        "--run-dir", dir.resolve("run").toString(), "--report", page.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(page)).contains("<h2>Manifest</h2>", "<th>configuration hash</th>",
        "<th>training split sha256</th>");
  }

  @Test
  @DisplayName("the page is rewritten after every epoch, so a crash leaves the page of the epochs that finished")
  void rewrittenEachEpoch() throws Exception {
    Path page = dir.resolve("live.html");
    java.util.List<String> pages = new java.util.ArrayList<>();
    ReportListener listener = new ReportListener(page, "live", java.util.Map.of("seed", "1"),
        java.util.OptionalDouble.empty());
    dev.disciplina.trainer.TrainingListener reader = new dev.disciplina.trainer.TrainingListener() {
      @Override
      public void onEpochEnd(dev.disciplina.trainer.TrainingContext c, dev.disciplina.trainer.EpochResult e) {
        try {
          pages.add(Files.readString(page));
        } catch (java.io.IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
      }
    };
    new dev.disciplina.trainer.Trainer(dev.disciplina.trainer.TrainingConfig.builder().epochs(3).build(),
        dev.disciplina.api.tensor.Backends.named("cpu"), java.util.List.of(listener, reader)).fit(
        dev.disciplina.trainer.Experiment.of(rng -> new dev.disciplina.api.nn.Linear(4, 3, rng),
            m -> dev.disciplina.api.optim.Adam.adam(m.parameters()).build(),
            dev.disciplina.api.loss.Loss.softmaxCrossEntropy()),
        dev.disciplina.api.data.Split.random(dev.disciplina.api.data.EmbeddedDatasets.iris(), 0.2, 0,
            dev.disciplina.api.random.Rng.seeded(1)));
    assertThat(pages).hasSize(3);
    assertThat(pages.get(0)).contains("running: 1 epoch done").endsWith("</html>\n");
    assertThat(pages.get(2)).contains("running: 3 epochs done");
  }

  @Test
  @DisplayName("diagnose --plot draws each file's loss curves after its verdict line")
  void diagnosePlot() throws Exception {
    Path f = write("keras.csv", KERAS);
    MainTest.Result r = MainTest.run("diagnose", "--plot", f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().get(0)).startsWith(f + "\t");
    assertThat(r.out()).contains("training loss", "validation loss", "epoch");
  }
}
