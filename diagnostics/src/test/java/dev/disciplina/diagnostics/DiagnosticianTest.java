package dev.disciplina.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Diagnostician")
class DiagnosticianTest {

  /** {@code f + a·exp(-t/tau)} for t = 0..n-1, times (1 + sigma·N(0,1)) with a seeded generator. */
  static double[] decay(int n, double floor, double amplitude, double tau, double sigma, long seed) {
    Random r = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = (floor + amplitude * Math.exp(-t / tau)) * (1 + sigma * r.nextGaussian());
    }
    return y;
  }

  /** A textbook U: the validation loss bottoms out at {@code onset} and rises linearly after it. */
  static double[] uShape(int n, int onset, double rise, double sigma, long seed) {
    double[] y = decay(n, 0.3, 1.8, 3, 0, seed);
    Random r = new Random(seed);
    for (int t = 0; t < n; t++) {
      y[t] = (y[t] + rise * Math.max(0, t - onset)) * (1 + sigma * r.nextGaussian());
    }
    return y;
  }

  @Nested
  @DisplayName("must-get cases")
  class MustGet {

    @Test
    @DisplayName("a clean U-shaped validation curve is OVERFITTING, with the onset at its minimum")
    void textbookOverfitting() {
      double[] train = decay(40, 0.02, 2.0, 4, 0.01, 1);
      double[] val = uShape(40, 15, 0.02, 0.01, 2);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));

      assertThat(d.verdict()).isEqualTo(Verdict.OVERFITTING);
      assertThat(d.cause()).isEqualTo(Cause.VALIDATION_RISING);
      assertThat(d.overfittingOnsetEpoch()).isPresent();
      assertThat(d.overfittingOnsetEpoch().getAsInt()).isBetween(13, 18);
      assertThat(d.bestEpoch()).isEqualTo(d.overfittingOnsetEpoch());
      assertThat(d.measures().generalizationLoss()).isGreaterThan(5);
      assertThat(d.advice().get(0)).contains("restore the weights of epoch " + d.bestEpoch().getAsInt());
    }

    @Test
    @DisplayName("a NaN loss is DIVERGING whatever came before, and the best epoch is the best sound one")
    void nan() {
      double[] train = decay(10, 0.1, 2, 3, 0.01, 3);
      double[] val = decay(10, 0.2, 2, 3, 0.01, 4);
      train[7] = Double.NaN;
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));

      assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
      assertThat(d.cause()).isEqualTo(Cause.NON_FINITE_LOSS);
      assertThat(d.bestEpoch().getAsInt()).isLessThanOrEqualTo(7);
      assertThat(d.reasons().get(0)).contains("epoch 8").contains("NaN");
    }

    @Test
    @DisplayName("an infinite validation loss in the second epoch is DIVERGING even though the run is short")
    void infinityShortRun() {
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(new double[] {2.3, 1.9}, new double[] {2.2, Double.POSITIVE_INFINITY}));
      assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
      assertThat(d.bestEpoch()).hasValue(1);
    }

    @Test
    @DisplayName("three epochs are INCONCLUSIVE: too few to conclude anything")
    void tooFew() {
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(new double[] {2.3, 1.2, 0.9}, new double[] {2.2, 1.3, 1.4}));
      assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
      assertThat(d.cause()).isEqualTo(Cause.TOO_FEW_EPOCHS);
      assertThat(d.bestEpoch()).hasValue(2);
    }

    @Test
    @DisplayName("a training loss flat at ln 10 on a 10-class task is UNDERFITTING for lack of capacity")
    void flatAtChance() {
      double[] train = decay(30, 2.28, 0.05, 2, 0.005, 5);
      double[] val = decay(30, 2.29, 0.05, 2, 0.01, 6);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.builder().trainLoss(train).valLoss(val).classes(10).build());

      assertThat(d.verdict()).isEqualTo(Verdict.UNDERFITTING);
      assertThat(d.cause()).isEqualTo(Cause.CAPACITY);
      assertThat(d.measures().chanceLoss()).isEqualTo(Math.log(10));
      assertThat(d.reasons().get(0)).contains("chance level");
    }

    @Test
    @DisplayName("both losses still falling in a straight line at the end is UNDERFITTING because training stopped early")
    void stillImproving() {
      double[] train = new double[20];
      double[] val = new double[20];
      for (int t = 0; t < 20; t++) {
        train[t] = 2.0 - 0.06 * t;
        val[t] = 2.1 - 0.06 * t + 0.01 * Math.sin(t);
      }
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));

      assertThat(d.verdict()).isEqualTo(Verdict.UNDERFITTING);
      assertThat(d.cause()).isEqualTo(Cause.STILL_IMPROVING);
      assertThat(d.advice().get(0)).startsWith("Train longer");
    }

    @Test
    @DisplayName("losses that decay to close floors and flatten are HEALTHY")
    void healthy() {
      double[] train = decay(50, 0.10, 2, 5, 0.01, 7);
      double[] val = decay(50, 0.12, 2, 5, 0.015, 8);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));

      assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
      assertThat(d.cause()).isEqualTo(Cause.CONVERGED);
      assertThat(d.measures().gapRatio()).isBetween(0.0, 1.0);
    }

    @Test
    @DisplayName("a single validation spike in the last epoch does not decide: a healthy run stays HEALTHY")
    void lastEpochSpike() {
      double[] train = decay(40, 0.10, 2, 4, 0.01, 9);
      double[] val = decay(40, 0.12, 2, 4, 0.01, 10);
      val[39] *= 3;
      assertThat(Diagnostics.diagnose(LearningCurves.of(train, val)).verdict()).isEqualTo(Verdict.HEALTHY);
    }

    @Test
    @DisplayName("a single validation spike mid-run does not move the best epoch or the verdict")
    void midRunSpike() {
      double[] train = decay(40, 0.10, 2, 4, 0.01, 11);
      double[] val = decay(40, 0.12, 2, 4, 0.01, 12);
      val[30] *= 4;
      val[31] *= 0.5;
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
      assertThat(d.bestEpoch().getAsInt()).isNotEqualTo(32);
    }

    @Test
    @DisplayName("a training loss that explodes to a hundred times its minimum is DIVERGING")
    void explosion() {
      double[] train = decay(20, 0.1, 2, 3, 0.01, 13);
      double[] val = decay(20, 0.15, 2, 3, 0.01, 14);
      for (int t = 15; t < 20; t++) {
        train[t] *= Math.pow(3, t - 14);
        val[t] *= Math.pow(3, t - 14);
      }
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
      assertThat(d.cause()).isEqualTo(Cause.EXPLODING_LOSS);
      assertThat(d.advice().get(0)).contains("Lower the learning rate");
    }

    @Test
    @DisplayName("pure noise on the validation loss is INCONCLUSIVE, not a verdict read into the noise")
    void noisy() {
      double[] train = decay(30, 0.2, 1.5, 5, 0.01, 15);
      double[] val = decay(30, 0.35, 0, 5, 0.4, 16);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
      assertThat(d.cause()).isEqualTo(Cause.TOO_NOISY);
    }
  }

  @Nested
  @DisplayName("rules")
  class Rules {

    @Test
    @DisplayName("a validation loss that flattens at several times the training loss is OVERFITTING through the gap")
    void gap() {
      double[] train = decay(40, 0.05, 1.5, 6, 0.005, 17);
      double[] val = decay(40, 0.5, 1.1, 3, 0.01, 18);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.OVERFITTING);
      assertThat(d.cause()).isEqualTo(Cause.GENERALIZATION_GAP);
      assertThat(d.measures().gapRatio()).isGreaterThan(1);
      assertThat(d.overfittingOnsetEpoch()).isPresent();
    }

    @Test
    @DisplayName("a training loss that climbs back up is DIVERGING, even when validation rises with it")
    void trainingRising() {
      double[] train = new double[30];
      double[] val = new double[30];
      Random r = new Random(19);
      for (int t = 0; t < 30; t++) {
        double base = t < 10 ? 1.5 - 0.12 * t : 0.3 + 0.02 * (t - 10);
        train[t] = base * (1 + 0.01 * r.nextGaussian());
        val[t] = base * 1.1 * (1 + 0.01 * r.nextGaussian());
      }
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
      assertThat(d.cause()).isEqualTo(Cause.TRAINING_LOSS_RISING);
    }

    @Test
    @DisplayName("a validation rise of a few epochs at the very end is not yet overfitting")
    void recentRise() {
      double[] train = decay(30, 0.05, 2, 4, 0.005, 20);
      double[] val = decay(30, 0.06, 2, 4, 0.005, 21);
      val[28] *= 1.15;
      val[29] *= 1.3;
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).as(d.summary()).isNotEqualTo(Verdict.OVERFITTING);
      assertThat(d.verdict()).isIn(Verdict.HEALTHY, Verdict.INCONCLUSIVE);
    }

    @Test
    @DisplayName("without a class count, a training loss that barely moved from its first epoch is UNDERFITTING")
    void littleImprovement() {
      double[] train = decay(25, 0.66, 0.03, 2, 0.003, 22);
      double[] val = decay(25, 0.67, 0.03, 2, 0.005, 23);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
      assertThat(d.verdict()).isEqualTo(Verdict.UNDERFITTING);
      assertThat(d.cause()).isEqualTo(Cause.CAPACITY);
      assertThat(d.measures().relativeImprovementTrain()).isLessThan(0.1);
    }

    @Test
    @DisplayName("a fine-tuned model that starts well below chance is not called underfitting for improving little")
    void fineTuned() {
      double[] train = decay(25, 0.20, 0.03, 3, 0.005, 24);
      double[] val = decay(25, 0.23, 0.03, 3, 0.008, 25);
      Diagnosis d = Diagnostics.diagnose(LearningCurves.builder().trainLoss(train).valLoss(val).classes(10).build());
      assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
    }

    @Test
    @DisplayName("the eval-mode training loss, when given, is the one compared with validation")
    void evalModeTrainLoss() {
      double[] trainMean = decay(40, 0.30, 2, 4, 0.005, 26);
      double[] trainEval = decay(40, 0.02, 2, 4, 0.005, 27);
      double[] val = decay(40, 0.25, 2, 4, 0.005, 28);
      LearningCurves withEval = LearningCurves.builder().trainLoss(trainMean).trainEvalLoss(trainEval).valLoss(val).build();
      assertThat(Diagnostics.diagnose(LearningCurves.of(trainMean, val)).verdict()).isEqualTo(Verdict.HEALTHY);
      Diagnosis d = Diagnostics.diagnose(withEval);
      assertThat(d.cause()).isEqualTo(Cause.GENERALIZATION_GAP);
      assertThat(d.measures().finalTrainLoss()).isEqualTo(trainEval[39]);
    }

    @Test
    @DisplayName("epochs keep the numbers of the source: a Keras run counted from 0 reports epochs from 0")
    void epochNumbers() {
      double[] train = decay(40, 0.02, 2.0, 4, 0.01, 1);
      double[] val = uShape(40, 15, 0.02, 0.01, 2);
      Diagnosis fromOne = Diagnostics.diagnose(LearningCurves.of(train, val));
      Diagnosis fromZero = Diagnostics.diagnose(LearningCurves.builder().trainLoss(train).valLoss(val).firstEpoch(0).build());
      assertThat(fromZero.bestEpoch().getAsInt()).isEqualTo(fromOne.bestEpoch().getAsInt() - 1);
    }

    @Test
    @DisplayName("every verdict comes with at least one reason and one piece of advice, and a confidence in [0, 1]")
    void explained() {
      for (CurveCorpus.Run run : CurveCorpus.generate(99, 3)) {
        Diagnosis d = Diagnostics.diagnose(run.curves());
        assertThat(d.reasons()).as(run.family()).isNotEmpty();
        assertThat(d.advice()).as(run.family()).isNotEmpty();
        assertThat(d.confidence()).isBetween(0.0, 1.0);
        assertThat(d.summary()).contains(d.verdict().name());
      }
    }

    @Test
    @DisplayName("stricter thresholds can only make a verdict harder to reach: a GL threshold of 500 turns a clear U into something else")
    void thresholdsApply() {
      double[] train = decay(40, 0.02, 2.0, 4, 0.01, 1);
      double[] val = uShape(40, 15, 0.02, 0.01, 2);
      Thresholds strict = Thresholds.builder().significance(1e6).build();
      assertThat(Diagnostics.diagnose(LearningCurves.of(train, val), strict).cause()).isNotEqualTo(Cause.VALIDATION_RISING);
    }
  }

  @Nested
  @DisplayName("values")
  class Values {

    @Test
    @DisplayName("curves reject series of different lengths, naming the series")
    void lengths() {
      assertThatThrownBy(() -> LearningCurves.of(new double[] {1, 2}, new double[] {1}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valLoss has 1 values");
      assertThatThrownBy(() -> LearningCurves.builder().trainLoss(1, 2).valLoss(1, 2).trainAccuracy(0.5).build())
          .hasMessageContaining("trainAccuracy");
    }

    @Test
    @DisplayName("curves reject epochs that do not increase and a class count below 2")
    void epochsAndClasses() {
      assertThatThrownBy(() -> LearningCurves.builder().trainLoss(1, 2).valLoss(1, 2).epochs(3, 3).build())
          .hasMessageContaining("epoch 3 follows epoch 3");
      assertThatThrownBy(() -> LearningCurves.of(new double[] {1}, new double[] {1}).withClasses(1))
          .hasMessageContaining("at least 2");
    }

    @Test
    @DisplayName("a diagnosis rejects a cause that belongs to another verdict")
    void causeMatchesVerdict() {
      Measures m = Measures.minimal(1, 1, 1, 1, Double.NaN);
      assertThatThrownBy(() -> new Diagnosis(Verdict.HEALTHY, Cause.CAPACITY, java.util.OptionalInt.empty(),
          java.util.OptionalInt.empty(), m, 0.5, java.util.List.of(), java.util.List.of()))
          .hasMessageContaining("CAPACITY belongs to UNDERFITTING");
    }

    @Test
    @DisplayName("thresholds reject values out of range, naming the threshold")
    void thresholds() {
      assertThatThrownBy(() -> Thresholds.builder().chanceFraction(1.5).build()).hasMessageContaining("chanceFraction");
      assertThatThrownBy(() -> Thresholds.builder().minEpochs(2).build()).hasMessageContaining("minEpochs");
      assertThat(Thresholds.defaults().toBuilder().build()).isEqualTo(Thresholds.defaults());
    }

    @Test
    @DisplayName("a prefix of the curves is what was known after that epoch")
    void prefix() {
      LearningCurves c = LearningCurves.builder().trainLoss(3, 2, 1).valLoss(3, 2, 2).trainAccuracy(0.1, 0.2, 0.3)
          .valAccuracy(0.1, 0.2, 0.2).classes(3).build();
      LearningCurves p = c.prefix(2);
      assertThat(p.epochs()).containsExactly(1, 2);
      assertThat(p.trainAccuracy()).containsExactly(0.1, 0.2);
      assertThat(p.classes()).hasValue(3);
    }
  }
}
