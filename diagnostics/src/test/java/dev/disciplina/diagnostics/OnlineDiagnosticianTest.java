package dev.disciplina.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Online diagnostician")
class OnlineDiagnosticianTest {

  @Test
  @DisplayName("after every epoch it says exactly what the offline diagnosis says of the curves so far")
  void sameAsOffline() {
    for (CurveCorpus.Run run : CurveCorpus.generate(7, 2)) {
      LearningCurves c = run.curves();
      OnlineDiagnostician online = OnlineDiagnostician.builder().classes(c.classes().orElse(2)).build();
      LearningCurves withClasses = c.classes().isPresent() ? c : c.withClasses(2);
      for (int i = 0; i < c.size(); i++) {
        Diagnosis now = online.add(c.epochs().get(i), c.trainLoss().get(i), c.valLoss().get(i));
        assertThat(now).as(run.family() + " epoch " + i).isEqualTo(Diagnostics.diagnose(withClasses.prefix(i + 1)));
      }
    }
  }

  @Test
  @DisplayName("it is inconclusive at first, then confirms overfitting and signals to stop with the best epoch to restore")
  void stopsOnOverfitting() {
    double[] train = DiagnosticianTest.decay(60, 0.02, 2.0, 4, 0.01, 1);
    double[] val = DiagnosticianTest.uShape(60, 15, 0.02, 0.01, 2);
    OnlineDiagnostician online = new OnlineDiagnostician();
    int stoppedAt = -1;
    for (int t = 0; t < 60 && stoppedAt < 0; t++) {
      Diagnosis d = online.add(t + 1, train[t], val[t]);
      if (t < 4) {
        assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(online.shouldStop()).isFalse();
      }
      if (online.shouldStop()) {
        stoppedAt = t + 1;
      }
    }
    assertThat(stoppedAt).isBetween(18, 30);
    assertThat(online.stopDiagnosis()).get().extracting(Diagnosis::cause).isEqualTo(Cause.VALIDATION_RISING);
    assertThat(online.epochToRestore().getAsInt()).isBetween(13, 18);
  }

  @Test
  @DisplayName("one overfitting verdict is not enough to stop: the next epoch must agree (two confirmations by default)")
  void confirmations() {
    double[] train = DiagnosticianTest.decay(60, 0.02, 2.0, 4, 0.01, 1);
    double[] val = DiagnosticianTest.uShape(60, 15, 0.02, 0.01, 2);
    OnlineDiagnostician once = OnlineDiagnostician.builder().confirmations(1).build();
    OnlineDiagnostician twice = new OnlineDiagnostician();
    int first = -1;
    int second = -1;
    for (int t = 0; t < 60; t++) {
      once.add(t + 1, train[t], val[t]);
      twice.add(t + 1, train[t], val[t]);
      if (first < 0 && once.shouldStop()) {
        first = t;
      }
      if (second < 0 && twice.shouldStop()) {
        second = t;
      }
    }
    assertThat(second).isGreaterThan(first);
  }

  @Test
  @DisplayName("a NaN stops the run at once, and the signal stays on")
  void stopsOnNaN() {
    OnlineDiagnostician online = new OnlineDiagnostician();
    online.add(1, 2.0, 2.1);
    online.add(2, 1.5, 1.6);
    online.add(3, Double.NaN, Double.NaN);
    assertThat(online.shouldStop()).isTrue();
    assertThat(online.epochToRestore()).hasValue(2);
    online.add(4, 1.0, 1.0);
    assertThat(online.shouldStop()).isTrue();
  }

  @Test
  @DisplayName("divergence does not stop the run when told not to")
  void noStopOnDivergence() {
    OnlineDiagnostician online = OnlineDiagnostician.builder().stopOnDivergence(false).build();
    online.add(1, 2.0, 2.1);
    online.add(2, Double.NaN, Double.NaN);
    assertThat(online.current()).get().extracting(Diagnosis::verdict).isEqualTo(Verdict.DIVERGING);
    assertThat(online.shouldStop()).isFalse();
  }

  @Test
  @DisplayName("the eval-mode training loss and accuracies are kept when every epoch has them")
  void optionalSeries() {
    OnlineDiagnostician online = new OnlineDiagnostician();
    online.add(EpochRecord.of(1, 2.0, 2.1).withTrainEvalLoss(1.9).withAccuracies(0.3, 0.28));
    online.add(EpochRecord.of(2, 1.5, 1.6).withTrainEvalLoss(1.4).withAccuracies(0.5, 0.45));
    assertThat(online.curves().trainEvalLoss()).containsExactly(1.9, 1.4);
    assertThat(online.curves().valAccuracy()).containsExactly(0.28, 0.45);
    online.add(EpochRecord.of(3, 1.2, 1.3));
    assertThat(online.curves().trainEvalLoss()).isEmpty();
  }

  @Test
  @DisplayName("epochs must increase, and the error names both")
  void order() {
    OnlineDiagnostician online = new OnlineDiagnostician();
    online.add(5, 1, 1);
    assertThatThrownBy(() -> online.add(5, 1, 1)).hasMessageContaining("epoch 5 does not follow epoch 5");
    assertThat(new OnlineDiagnostician().current()).isEmpty();
  }
}
