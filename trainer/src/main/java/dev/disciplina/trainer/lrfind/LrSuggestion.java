package dev.disciplina.trainer.lrfind;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The learning rate a sweep suggests: where the smoothed loss falls fastest against {@code
 * log(lr)} inside the valley — from the highest point before the loss's minimum down to the
 * minimum — or none, when there is no clear valley (the loss never falls by {@link #MIN_DROP} of
 * its height, or falls over fewer than {@link #MIN_WIDTH} iterations). Refusing to suggest is the
 * point: fastai #3476 and Lightning #21141 show finders that pick a rate from noise.
 *
 * @param learningRate the suggestion, empty when there is no clear valley
 * @param index the iteration of the suggestion, -1 when none
 * @param valleyStart the first iteration of the valley, -1 when none
 * @param valleyEnd the iteration of the loss's minimum, -1 when none
 * @param slope the smoothed loss's change per decade of learning rate at the suggestion
 * @param reason why this suggestion, or why none, in words with the numbers
 */
public record LrSuggestion(OptionalDouble learningRate, int index, int valleyStart,
    int valleyEnd, double slope, String reason) {

  /** The fraction of its height the smoothed loss must fall for a valley to count. */
  public static final double MIN_DROP = 0.10;

  /** The fewest iterations a valley must span. */
  public static final int MIN_WIDTH = 5;

  /** Whether the sweep found a clear valley. */
  public boolean found() {
    return learningRate.isPresent();
  }

  /** The suggestion for the points of a sweep. */
  public static LrSuggestion of(List<LrPoint> points) {
    int n = points.size();
    if (n < MIN_WIDTH + 2) {
      return none("only " + n + " iterations were recorded");
    }
    double[] s = points.stream().mapToDouble(LrPoint::smoothedLoss).toArray();
    double[] x = points.stream().mapToDouble(p -> Math.log10(p.learningRate())).toArray();
    int floor = 0;
    for (int i = 1; i < n; i++) {
      if (Double.isFinite(s[i]) && (!Double.isFinite(s[floor]) || s[i] < s[floor])) {
        floor = i;
      }
    }
    int top = 0;
    for (int i = 1; i <= floor; i++) {
      if (s[i] >= s[top]) {
        top = i;
      }
    }
    double drop = (s[top] - s[floor]) / Math.abs(s[top]);
    if (!(drop >= MIN_DROP)) {
      return none(String.format(Locale.ROOT, "the smoothed loss never fell by %.0f%% (at most "
          + "from %.4g to %.4g, %.1f%%)", 100 * MIN_DROP, s[top], s[floor], 100 * drop));
    }
    if (floor - top < MIN_WIDTH) {
      return none(String.format(Locale.ROOT, "the loss fell over only %d iterations (lr %.2e "
          + "to %.2e)", floor - top, points.get(top).learningRate(),
          points.get(floor).learningRate()));
    }
    int best = -1;
    double steepest = 0;
    for (int i = top + 1; i < floor; i++) {
      double g = (s[i + 1] - s[i - 1]) / (x[i + 1] - x[i - 1]);
      if (g < steepest) {
        steepest = g;
        best = i;
      }
    }
    if (best < 0) {
      return none("the smoothed loss does not descend inside its valley");
    }
    double lr = points.get(best).learningRate();
    return new LrSuggestion(OptionalDouble.of(lr), best, top, floor, steepest,
        String.format(Locale.ROOT, "steepest descent of the smoothed loss (%.3f per decade) in "
            + "the valley from lr %.2e (loss %.4g) to its minimum at lr %.2e (loss %.4g)",
            steepest, points.get(top).learningRate(), s[top], points.get(floor).learningRate(),
            s[floor]));
  }

  private static LrSuggestion none(String why) {
    return new LrSuggestion(OptionalDouble.empty(), -1, -1, -1, Double.NaN,
        "no clear valley: " + why);
  }
}
