package dev.disciplina.trainer.lrfind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LrSuggestionTest {

  static final LrFinder FINDER = LrFinder.builder().build();

  static List<LrPoint> curve(IntToDoubleFunction smoothed) {
    List<LrPoint> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      double s = smoothed.applyAsDouble(i);
      out.add(new LrPoint(i, FINDER.rate(i), s, s));
    }
    return out;
  }

  @Test
  @DisplayName("a clean valley suggests the rate where the loss falls fastest against log(lr)")
  void cleanValley() {
    // a logistic descent centred on iteration 60, then a rise after 80
    LrSuggestion s = LrSuggestion.of(curve(i -> 2.3 - 2.0 / (1 + Math.exp(-(i - 60) / 4.0))
        + (i > 80 ? 0.2 * (i - 80) : 0)));
    assertTrue(s.found(), s.reason());
    assertEquals(60, s.index(), 1);
    assertEquals(FINDER.rate(s.index()), s.learningRate().getAsDouble(), 0);
    assertTrue(s.slope() < 0);
    assertTrue(s.valleyStart() < s.index() && s.index() < s.valleyEnd(), s.toString());
  }

  @Test
  @DisplayName("a flat, noisy loss has no clear valley instead of a suggestion picked from noise")
  void flatNoise() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] noise = rng.doubles(100, -0.05, 0.05).toArray();
    LrSuggestion s = LrSuggestion.of(curve(i -> 2.3 + noise[i]));
    assertFalse(s.found());
    assertTrue(s.reason().startsWith("no clear valley: the smoothed loss never fell by 10%"), s.reason());
  }

  @Test
  @DisplayName("a loss that only rises, or falls over a handful of iterations, has no clear valley")
  void noDescent() {
    assertFalse(LrSuggestion.of(curve(i -> 1 + 0.01 * i)).found());
    LrSuggestion brief = LrSuggestion.of(curve(i -> i < 50 ? 2 : i < 53 ? 2 - (i - 49) * 0.3 : 3));
    assertFalse(brief.found());
    assertTrue(brief.reason().contains("fell over only"), brief.reason());
    assertFalse(LrSuggestion.of(curve(i -> 2).subList(0, 4)).found());
  }
}
