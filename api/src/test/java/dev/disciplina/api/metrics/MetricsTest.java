package dev.disciplina.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Metrics")
class MetricsTest {

  // scikit-learn: y_true = [0, 1, 2, 2, 1, 0, 2], y_pred = [0, 2, 2, 2, 1, 1, 0]
  private static final int[] ACTUAL = {0, 1, 2, 2, 1, 0, 2};
  private static final int[] PREDICTED = {0, 2, 2, 2, 1, 1, 0};

  @Test
  @DisplayName("accuracy is the fraction of right predictions")
  void accuracy() {
    assertThat(Metrics.accuracy(ACTUAL, PREDICTED)).isEqualTo(4.0 / 7);
    assertThat(ConfusionMatrix.of(3, ACTUAL, PREDICTED).accuracy()).isEqualTo(4.0 / 7);
  }

  @Test
  @DisplayName("macro precision, recall and F1 match scikit-learn")
  void macro() {
    ConfusionMatrix m = ConfusionMatrix.of(3, ACTUAL, PREDICTED);
    // precision per class: 1/2, 1/2, 2/3; recall: 1/2, 1/2, 2/3
    assertThat(m.precision(0)).isEqualTo(0.5);
    assertThat(m.recall(2)).isEqualTo(2.0 / 3);
    assertThat(m.macroPrecision()).isCloseTo((0.5 + 0.5 + 2.0 / 3) / 3, within(1e-12));
    assertThat(m.macroRecall()).isCloseTo((0.5 + 0.5 + 2.0 / 3) / 3, within(1e-12));
    assertThat(m.macroF1()).isCloseTo(0.5555555555555555, within(1e-12));
    ClassificationReport r = m.report();
    assertThat(r.examples()).isEqualTo(7);
    assertThat(r.macroF1()).isEqualTo(m.macroF1());
  }

  @Test
  @DisplayName("a class never predicted has precision 0, not NaN")
  void zeroDivision() {
    ConfusionMatrix m = ConfusionMatrix.of(2, new int[] {0, 1}, new int[] {0, 0});
    assertThat(m.precision(1)).isZero();
    assertThat(m.f1(1)).isZero();
    assertThat(m.macroPrecision()).isEqualTo(0.25);
  }

  @Test
  @DisplayName("the confusion matrix counts (actual, predicted) pairs and adds up")
  void counts() {
    ConfusionMatrix m = ConfusionMatrix.of(3, ACTUAL, PREDICTED);
    assertThat(m.count(2, 0)).isEqualTo(1);
    assertThat(m.count(1, 2)).isEqualTo(1);
    assertThat(m.total()).isEqualTo(7);
    ConfusionMatrix twice = m.plus(m);
    assertThat(twice.count(2, 2)).isEqualTo(4);
    assertThat(twice.accuracy()).isEqualTo(m.accuracy());
    assertThat(m.format(List.of("a", "b", "c"))).contains("actual\\pred");
    assertThatThrownBy(() -> ConfusionMatrix.of(2, new int[] {2}, new int[] {0}))
        .hasMessageContaining("outside [0, 2)");
  }

  @Test
  @DisplayName("MAE and RMSE are computed in double precision")
  void regression() {
    float[] actual = {3f, -0.5f, 2f, 7f};
    float[] predicted = {2.5f, 0f, 2f, 8f};
    assertThat(Metrics.meanAbsoluteError(actual, predicted)).isEqualTo(0.5);
    assertThat(Metrics.rootMeanSquaredError(actual, predicted))
        .isCloseTo(Math.sqrt(0.375), within(1e-12));
    assertThat(Metrics.regression(actual, predicted).values()).isEqualTo(4);
    assertThatThrownBy(() -> Metrics.meanAbsoluteError(new float[0], new float[0]))
        .hasMessageContaining("no values");
  }

  @Test
  @DisplayName("argmax picks each row's first largest value; logits above 0 predict class 1")
  void predictions() {
    assertThat(Metrics.argmaxRows(new float[] {1, 3, 3, -1, -2, Float.NaN}, 3))
        .containsExactly(1, 0);
    assertThat(Metrics.thresholdLogits(new float[] {-0.1f, 0f, 0.1f})).containsExactly(0, 0, 1);
  }

  @Test
  @DisplayName("metric keys are stable and parse back")
  void keys() {
    for (Metric m : Metric.values()) {
      assertThat(Metric.ofKey(m.key())).isEqualTo(m);
    }
    assertThat(Metric.F1.key()).isEqualTo("f1");
    assertThatThrownBy(() -> Metric.ofKey("auc")).hasMessageContaining("unknown metric 'auc'");
  }
}
