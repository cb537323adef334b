package dev.disciplina.trainer.lrfind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Experiment;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LrFinderTest {

  static final Split DIGITS = Split.random(EmbeddedDatasets.digits(), 0.2, 0,
      Rng.seeded(1).split("split")).standardized();
  static final Experiment MLP = Experiment.of(
      rng -> new Sequential(new Linear(64, 32, rng), new ReLU(), new Linear(32, 10, rng)),
      m -> Adam.adam(m.parameters()).learningRate(0.001).build(), Loss.softmaxCrossEntropy());
  static final Backend CPU = Backends.named("cpu");

  @Test
  @DisplayName("the rate grows exponentially from 1e-7 to 10 over 100 iterations")
  void schedule() {
    LrFinder f = LrFinder.builder().build();
    assertEquals(1e-7, f.rate(0), 1e-20);
    assertEquals(10, f.rate(99), 1e-12);
    assertEquals(f.rate(1) / f.rate(0), f.rate(99) / f.rate(98), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> LrFinder.builder().startLr(1).endLr(0.1).build());
  }

  @Test
  @DisplayName("the sweep smooths with a debiased moving average and stops when it passes 4 times its best")
  void sweepStopsAtDivergence() {
    LrSweep s = LrFinder.builder().build().sweep(MLP, DIGITS.train(), 1, 32, CPU);
    LrPoint first = s.points().get(0);
    assertEquals(first.loss(), first.smoothedLoss(), 1e-12, "debiased: the first average is the first loss");
    double avg = 0;
    double best = Double.POSITIVE_INFINITY;
    for (LrPoint p : s.points()) {
      avg = 0.98 * avg + 0.02 * p.loss();
      assertEquals(avg / (1 - Math.pow(0.98, p.iteration() + 1)), p.smoothedLoss(), 1e-9);
      best = Math.min(best, p.smoothedLoss());
    }
    assertTrue(s.points().size() < 100, "Adam up to lr 10 diverges before the end: " + s.stopReason());
    LrPoint last = s.points().get(s.points().size() - 1);
    assertTrue(last.smoothedLoss() > 4 * best, s.stopReason());
    assertTrue(s.stopReason().contains("passed 4 times its best"), s.stopReason());
    assertTrue(s.suggestion().found(), s.suggestion().reason());
    double lr = s.suggestion().learningRate().getAsDouble();
    assertTrue(lr > 1e-4 && lr < 1, "a rate inside the descent, got " + lr);
  }

  @Test
  @DisplayName("the same seed gives the same sweep, and the user's model and optimizer stay untouched")
  void repeatableAndUntouched() {
    try (Scope scope = Scope.open(CPU)) {
      Module mine = MLP.model(Rng.seeded(1).split("model"));
      Optimizer myOptimizer = MLP.optimizer(mine);
      Map<String, float[]> before = mine.stateDict();
      LrFinder f = LrFinder.builder().iterations(40).build();
      LrSweep a = f.sweep(MLP, DIGITS.train(), 1, 32, CPU);
      LrSweep b = f.sweep(MLP, DIGITS.train(), 1, 32, CPU);
      assertEquals(a, b);
      assertTrue(a.points().size() > 20 && a.points().size() <= 40, a.stopReason());
      mine.stateDict().forEach((n, v) -> assertArrayEquals(before.get(n), v, n));
      assertEquals(0, myOptimizer.steps());
      assertEquals(0.001, myOptimizer.learningRate(), 0);
      LrSweep other = f.sweep(MLP, DIGITS.train(), 2, 32, CPU);
      assertTrue(!other.equals(a), "another seed, another sweep");
    }
  }
}
