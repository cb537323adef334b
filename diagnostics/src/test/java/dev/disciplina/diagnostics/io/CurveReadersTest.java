package dev.disciplina.diagnostics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.diagnostics.Cause;
import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.Verdict;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Curve readers")
class CurveReadersTest {

  static Path fixture(String name) {
    return Path.of("src/test/resources/curves", name);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "history-overfitting.csv, DISCIPLINA_HISTORY",
      "history-regression.csv, DISCIPLINA_HISTORY",
      "keras-overfitting.csv, KERAS_CSV",
      "keras-nan.csv, KERAS_CSV",
      "keras-history.json, KERAS_JSON",
      "keras-pandas-nan.json, KERAS_JSON",
      "lightning-metrics.csv, LIGHTNING_CSV",
      "lightning-step-only.csv, LIGHTNING_CSV",
      "plain-header.csv, PLAIN_CSV",
      "plain-savetxt.txt, PLAIN_CSV"})
  @DisplayName("the format is detected from the content")
  void detect(String file, CurveFormat format) throws Exception {
    assertThat(CurveReaders.detect(fixture(file))).isEqualTo(format);
  }

  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource({
      "history-overfitting.csv, OVERFITTING, VALIDATION_RISING",
      "history-regression.csv, HEALTHY, CONVERGED",
      "keras-overfitting.csv, OVERFITTING, VALIDATION_RISING",
      "keras-nan.csv, DIVERGING, NON_FINITE_LOSS",
      "keras-history.json, UNDERFITTING, STILL_IMPROVING",
      "keras-pandas-nan.json, DIVERGING, NON_FINITE_LOSS",
      "lightning-metrics.csv, HEALTHY, CONVERGED",
      "lightning-step-only.csv, OVERFITTING, VALIDATION_RISING",
      "plain-header.csv, UNDERFITTING, CAPACITY",
      "plain-savetxt.txt, HEALTHY, CONVERGED"})
  @DisplayName("every fixture reads and gets the verdict its curves were written to show")
  void verdicts(String file, Verdict verdict, Cause cause) throws Exception {
    Diagnosis d = Diagnostics.diagnose(CurveReaders.read(fixture(file)));
    assertThat(d.verdict()).as(d.summary()).isEqualTo(verdict);
    assertThat(d.cause()).isEqualTo(cause);
  }

  @Nested
  @DisplayName("this project's history CSV")
  class History {
    @Test
    @DisplayName("reads every column: losses, eval-mode training loss, accuracies, and the rest as metrics")
    void columns() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("history-overfitting.csv"));
      assertThat(c.size()).isEqualTo(30);
      assertThat(c.epochs().get(0)).isEqualTo(1);
      assertThat(c.trainEvalLoss()).hasSize(30);
      assertThat(c.trainAccuracy()).hasSize(30);
      assertThat(c.metrics()).containsOnlyKeys("learning_rate", "iterations", "seconds");
    }

    @Test
    @DisplayName("regression metric columns such as train_mae and val_mae are kept by name")
    void regression() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("history-regression.csv"));
      assertThat(c.metrics()).containsKeys("train_mae", "val_mae");
      assertThat(c.trainAccuracy()).isEmpty();
    }
  }

  @Nested
  @DisplayName("Keras")
  class Keras {
    @Test
    @DisplayName("CSVLogger epochs count from 0 and are kept so")
    void epochsFromZero() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("keras-overfitting.csv"));
      assertThat(c.epochs()).startsWith(0, 1, 2);
      assertThat(c.valAccuracy()).hasSize(20);
    }

    @Test
    @DisplayName("columns may come in any order")
    void anyOrder() throws Exception {
      String text = "val_loss,epoch,loss\n0.9,0,1.0\n0.8,1,0.7\n";
      LearningCurves c = CurveReaders.parse("x.csv", text, CurveFormat.AUTO);
      assertThat(c.trainLoss()).containsExactly(1.0, 0.7);
      assertThat(c.valLoss()).containsExactly(0.9, 0.8);
    }

    @Test
    @DisplayName("nan, NaN, inf, -inf and Infinity are read as such")
    void nonFinite() throws Exception {
      String text = "epoch,loss,val_loss\n0,nan,NaN\n1,inf,-inf\n2,Infinity,-Infinity\n";
      LearningCurves c = CurveReaders.parse("x.csv", text, CurveFormat.AUTO);
      assertThat(c.trainLoss().get(0)).isNaN();
      assertThat(c.valLoss().get(0)).isNaN();
      assertThat(c.trainLoss().get(1)).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(c.valLoss().get(1)).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(c.trainLoss().get(2)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    @DisplayName("history JSON epochs count from 1, as Keras prints them")
    void json() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("keras-history.json"));
      assertThat(c.epochs()).startsWith(1, 2);
      assertThat(c.size()).isEqualTo(15);
      assertThat(c.trainAccuracy()).hasSize(15);
    }

    @Test
    @DisplayName("history JSON may be wrapped in a history key, and pandas' {index: value} objects are series too")
    void jsonVariants() throws Exception {
      String wrapped = "{\"history\": {\"loss\": [1.0, 0.5], \"val_loss\": [1.1, \"0.6\"]}, \"params\": {\"epochs\": 2}}";
      assertThat(CurveReaders.parse("h.json", wrapped, CurveFormat.AUTO).valLoss()).containsExactly(1.1, 0.6);
      LearningCurves pandas = CurveReaders.read(fixture("keras-pandas-nan.json"));
      assertThat(pandas.size()).isEqualTo(8);
      assertThat(pandas.trainLoss().get(7)).isNaN();
    }

    @Test
    @DisplayName("history JSON series of different lengths are an error naming both")
    void jsonLengths() {
      assertThatThrownBy(() -> CurveReaders.parse("h.json", "{\"loss\": [1, 2, 3], \"val_loss\": [1, 2]}", CurveFormat.AUTO))
          .isInstanceOf(CurveReadException.class)
          .hasMessageContaining("val_loss has 2 values but loss has 3");
    }
  }

  @Nested
  @DisplayName("Lightning metrics.csv")
  class Lightning {
    @Test
    @DisplayName("uses the *_epoch aggregate when logged, not the step rows")
    void epochAggregate() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("lightning-metrics.csv"));
      assertThat(c.size()).isEqualTo(15);
      assertThat(c.epochs().get(0)).isEqualTo(0);
      // the epoch-0 row of train_loss_epoch, not the mean of its four step rows
      String firstEpochRow = "0,199,";
      assertThat(c.trainLoss().get(0)).isEqualTo(readFirstEpochAggregate(firstEpochRow));
    }

    private double readFirstEpochAggregate(String prefix) throws Exception {
      for (String line : java.nio.file.Files.readAllLines(fixture("lightning-metrics.csv"))) {
        String[] cells = line.split(",", -1);
        if (line.startsWith(prefix) && !cells[2].isEmpty()) {
          return Double.parseDouble(cells[2]);
        }
      }
      throw new AssertionError("no epoch row");
    }

    @Test
    @DisplayName("averages the step rows of an epoch when there is no *_epoch aggregate")
    void stepMean() throws Exception {
      String text = String.join("\n",
          "epoch,step,train_loss,val_loss",
          "0,49,1.0,",
          "0,99,0.8,",
          "0,99,,0.95",
          "1,149,0.6,",
          "1,199,0.4,",
          "1,199,,0.7") + "\n";
      LearningCurves c = CurveReaders.parse("metrics.csv", text, CurveFormat.AUTO);
      assertThat(c.trainLoss().get(0)).isCloseTo(0.9, within(1e-12));
      assertThat(c.trainLoss().get(1)).isCloseTo(0.5, within(1e-12));
      assertThat(c.valLoss()).containsExactly(0.95, 0.7);
    }

    @Test
    @DisplayName("keeps other logged columns such as the learning-rate monitor as metrics")
    void metrics() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("lightning-step-only.csv"));
      assertThat(c.metrics()).containsKey("lr-Adam");
      assertThat(c.size()).isEqualTo(25);
    }

    @Test
    @DisplayName("an epoch without a validation loss is left out")
    void missingValidation() throws Exception {
      String text = "epoch,step,train_loss_epoch,val_loss\n0,9,1.0,\n0,9,,0.9\n1,19,0.8,\n2,29,0.7,\n2,29,,0.75\n";
      LearningCurves c = CurveReaders.parse("metrics.csv", text, CurveFormat.AUTO);
      assertThat(c.epochs()).containsExactly(0, 2);
    }
  }

  @Nested
  @DisplayName("plain two-column files")
  class Plain {
    @Test
    @DisplayName("with a header, the header is skipped")
    void header() throws Exception {
      LearningCurves c = CurveReaders.read(fixture("plain-header.csv"));
      assertThat(c.size()).isEqualTo(25);
      assertThat(c.epochs().get(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("without a header, whitespace-separated as numpy.savetxt writes, every row is an epoch")
    void savetxt() throws Exception {
      assertThat(CurveReaders.read(fixture("plain-savetxt.txt")).size()).isEqualTo(30);
    }

    @Test
    @DisplayName("a comma-separated file without a header reads too, with CRLF line ends and a byte-order mark")
    void crlf() throws Exception {
      LearningCurves c = CurveReaders.read(new StringReader("\uFEFF1.0,1.1\r\n0.5,0.6\r\n"), "p.csv", CurveFormat.AUTO);
      assertThat(c.trainLoss()).containsExactly(1.0, 0.5);
    }
  }

  @Nested
  @DisplayName("errors")
  class Errors {
    @Test
    @DisplayName("a bad cell names the file, the line and the column: history.csv:7: expected a number in column val_loss, found \"abc\"")
    void badNumber() {
      assertThatThrownBy(() -> CurveReaders.read(fixture("bad-number.csv")))
          .isInstanceOf(CurveReadException.class)
          .hasMessage(fixture("bad-number.csv") + ":7: expected a number in column val_loss, found \"abc\"")
          .satisfies(e -> assertThat(((CurveReadException) e).line()).hasValue(7));
    }

    @Test
    @DisplayName("the message is one line in the documented form")
    void oneLine() {
      assertThatThrownBy(() -> CurveReaders.parse("history.csv", "epoch,train_loss,val_loss\n1,0.5,abc\n", CurveFormat.AUTO))
          .hasMessage("history.csv:2: expected a number in column val_loss, found \"abc\"");
    }

    @Test
    @DisplayName("an empty file, a missing file, unknown columns and broken JSON each get a clear message")
    void others() {
      assertThatThrownBy(() -> CurveReaders.read(fixture("empty.csv"))).hasMessageEndingWith("empty.csv: the file is empty");
      assertThatThrownBy(() -> CurveReaders.read(fixture("no-such.csv"))).hasMessageEndingWith("no-such.csv: no such file");
      assertThatThrownBy(() -> CurveReaders.read(fixture("unknown-columns.csv")))
          .hasMessageContaining("unknown-columns.csv:1: cannot tell the format from the columns when, what, how_much");
      assertThatThrownBy(() -> CurveReaders.read(fixture("broken.json")))
          .hasMessageContaining("broken.json:3: not valid JSON");
    }

    @Test
    @DisplayName("a forced format that does not fit says what it expected")
    void forced() {
      assertThatThrownBy(() -> CurveReaders.read(fixture("keras-overfitting.csv"), CurveFormat.PLAIN_CSV))
          .hasMessageContaining("keras-overfitting.csv:1: expected 2 columns");
      assertThatThrownBy(() -> CurveReaders.parse("x.csv", "epoch,loss,accuracy\n0,1,0.5\n", CurveFormat.KERAS_CSV))
          .hasMessage("x.csv:1: no validation loss column (looked for val_loss, valid_loss, validation_loss, val, valid, "
              + "validation, eval_loss, dev_loss, test_loss, val_mse, val_mae); found columns epoch, loss, accuracy");
    }

    @Test
    @DisplayName("a row with a missing cell is an error naming the line; an epoch counter going back starts another run")
    void rows() throws CurveReadException {
      assertThatThrownBy(() -> CurveReaders.parse("x.csv", "epoch,loss,val_loss\n0,1,1\n1,1\n", CurveFormat.AUTO))
          .hasMessage("x.csv:3: expected 3 cells as in the header, found 2");
      List<LearningCurves> runs = CurveReaders.parseRuns("x.csv", "epoch,loss,val_loss\n0,1,1\n1,2,2\n0,3,3\n",
          CurveFormat.AUTO);
      assertThat(runs).hasSize(2);
      assertThat(runs.get(1).trainLoss()).containsExactly(3.0);
      assertThat(CurveReaders.parse("x.csv", "epoch,loss,val_loss\n3,1,1\n1,4,4\n", CurveFormat.AUTO).trainLoss())
          .as("the last run by default").containsExactly(4.0);
    }

    @Test
    @DisplayName("format names parse from the command line, and an unknown one lists the known")
    void formatNames() {
      assertThat(CurveFormat.fromName("keras-csv")).isEqualTo(CurveFormat.KERAS_CSV);
      assertThat(CurveFormat.fromName("LIGHTNING_CSV")).isEqualTo(CurveFormat.LIGHTNING_CSV);
      assertThatThrownBy(() -> CurveFormat.fromName("tensorboard")).hasMessageContaining("known: auto, history");
    }
  }
}
