package dev.disciplina.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rules written for real curves")
class RealCurveRulesTest {

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  @DisplayName("the rules are tried in the documented order, and explain names the one that decided")
  void order() {
    Diagnostician d = new Diagnostician();
    assertThat(d.ruleNames()).containsExactly("non-finite loss", "too few epochs", "overflowed loss", "unbounded loss",
        "exploding loss", "training loss rising", "near chance", "little learned", "validation rising",
        "generalization gap", "too noisy", "still improving", "rise not confirmed", "converged");
    Explanation e = d.explain(LearningCurves.of(new double[] {1, 0.5}, new double[] {1, 0.6}));
    assertThat(e.decidedBy()).isEqualTo("too few epochs");
    assertThat(e.notHolding()).containsExactly("non-finite loss");
  }

  @Test
  @DisplayName("losses around 1e20 with a class count known (Adam at a learning rate of 1e9) are DIVERGING: learning rate too high")
  void ordersAboveChance() {
    Random r = new Random(7);
    double[] train = new double[10];
    double[] val = new double[10];
    for (int i = 0; i < 10; i++) {
      train[i] = 1e20 * (1 + 0.3 * r.nextGaussian());
      val[i] = 1e20 * (1 + 0.3 * r.nextGaussian());
    }
    Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val).withClasses(10));
    assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
    assertThat(d.cause()).isEqualTo(Cause.EXPLODING_LOSS);
    assertThat(d.advice().get(0)).contains("learning rate is far too high");
  }

  @Test
  @DisplayName("constant losses of 1e308 are DIVERGING, with or without a class count, never HEALTHY")
  void overflow() {
    LearningCurves c = LearningCurves.of(constant(20, 1e308), constant(20, 1e308));
    assertThat(Diagnostics.diagnose(c).verdict()).isEqualTo(Verdict.DIVERGING);
    assertThat(Diagnostics.diagnose(c.withClasses(3)).verdict()).isEqualTo(Verdict.DIVERGING);
  }

  @Test
  @DisplayName("a negative loss that falls by orders of magnitude is DIVERGING (unbounded), not still improving")
  void unbounded() {
    double[] train = new double[30];
    double[] val = new double[30];
    for (int i = 0; i < 30; i++) {
      train[i] = -100 * Math.pow(1.3, i);
      val[i] = -150 * Math.pow(1.3, i);
    }
    Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
    assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
    assertThat(d.cause()).isEqualTo(Cause.UNBOUNDED_LOSS);
    assertThat(d.advice().get(0)).contains("targets");
  }

  @Test
  @DisplayName("a classifier whose loss sits at ln K and accuracy at 1/K is UNDERFITTING, with K inferred from the log")
  void inferredChance() {
    Random r = new Random(3);
    LearningCurves.Builder b = LearningCurves.builder();
    int n = 30;
    double[] train = new double[n];
    double[] val = new double[n];
    double[] trainAcc = new double[n];
    double[] valAcc = new double[n];
    for (int i = 0; i < n; i++) {
      train[i] = Math.log(4) * (1 + 0.01 * r.nextGaussian());
      val[i] = Math.log(4) * (1 + 0.005 * r.nextGaussian());
      trainAcc[i] = 0.25 + 0.01 * r.nextGaussian();
      valAcc[i] = 0.25 + 0.01 * r.nextGaussian();
    }
    Diagnosis d = Diagnostics.diagnose(b.trainLoss(train).valLoss(val).trainAccuracy(trainAcc).valAccuracy(valAcc).build());
    assertThat(d.verdict()).isEqualTo(Verdict.UNDERFITTING);
    assertThat(d.measures().inferredClasses()).isEqualTo(4);
    assertThat(d.reasons().get(0)).contains("K = 4 inferred");
    // the same losses at a good accuracy: no chance level is inferred
    for (int i = 0; i < n; i++) {
      valAcc[i] = 0.9;
    }
    Diagnosis good = Diagnostics.diagnose(LearningCurves.builder().trainLoss(train).valLoss(val).trainAccuracy(trainAcc)
        .valAccuracy(valAcc).build());
    assertThat(good.measures().inferredClasses()).isZero();
  }

  @Test
  @DisplayName("a validation loss wobbling by 30% around a floor far below its start, with no trend, is HEALTHY")
  void noisyFloor() {
    Random r = new Random(11);
    int n = 40;
    double[] train = new double[n];
    double[] val = new double[n];
    for (int i = 0; i < n; i++) {
      train[i] = 0.05 + 2 * Math.exp(-i / 3.0);
      val[i] = (0.06 + 2 * Math.exp(-i / 3.0)) * Math.max(0.3, 1 + 0.3 * r.nextGaussian());
    }
    Diagnosis d = Diagnostics.diagnose(LearningCurves.of(train, val));
    assertThat(d.verdict()).as(d.summary()).isEqualTo(Verdict.HEALTHY);
  }

  @Test
  @DisplayName("no message ever prints NaN% or a NaN, whatever the values (seeded, 5,000 curves)")
  void noNaNPercent() {
    Random r = new Random(20260101L);
    double[] scales = {1e-300, 1e-9, 0, 1e-3, 1, 1e3, 1e20, 1e300, 1e308, -1, -1e6};
    for (int k = 0; k < 5_000; k++) {
      int n = 1 + r.nextInt(40);
      double[] train = new double[n];
      double[] val = new double[n];
      int shape = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        double s = scales[r.nextInt(scales.length)];
        double base = switch (shape) {
          case 0 -> s;
          case 1 -> s * Math.exp(-i / 5.0);
          case 2 -> s * (1 + r.nextGaussian());
          default -> scales[r.nextInt(scales.length)];
        };
        train[i] = base;
        val[i] = r.nextInt(10) == 0 ? scales[r.nextInt(scales.length)] : base * (1 + 0.2 * r.nextGaussian());
      }
      LearningCurves c = LearningCurves.of(train, val);
      if (r.nextBoolean()) {
        c = c.withClasses(2 + r.nextInt(20));
      }
      Diagnosis d = Diagnostics.diagnose(c);
      List<String> text = new ArrayList<>(d.reasons());
      text.addAll(d.advice());
      // the two sentences that name NaN on purpose: a NaN loss, and the advice to look for them
      text.removeIf(t -> t.contains(" is NaN: ") || t.contains("for NaN or infinity"));
      for (String t : text) {
        assertThat(t).as(java.util.Arrays.toString(train) + " / " + java.util.Arrays.toString(val))
            .doesNotContain("NaN%").doesNotContain("Infinity%").doesNotContain("NaN");
      }
    }
  }
}
