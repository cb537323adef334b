package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warns about constant features (no information, often a bug upstream) and unstandardised ones
 * (a mean beyond +-2 or a standard deviation outside [0.2, 5] on training), which slow gradient
 * descent and skew weight decay.
 */
final class FeatureScaleCheck implements PreflightCheck {

  static final String NAME = "feature scale";
  static final double MAX_ABS_MEAN = 2;
  static final double MIN_STD = 0.2;
  static final double MAX_STD = 5;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset train = s.train();
    int f = train.featureCount();
    int n = train.size();
    float[] x = train.features();
    double[] mean = new double[f];
    double[] sq = new double[f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        mean[j] += x[i * f + j];
      }
    }
    for (int j = 0; j < f; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        double d = x[i * f + j] - mean[j];
        sq[j] += d * d;
      }
    }
    List<Integer> constant = new ArrayList<>();
    int worst = -1;
    double worstScore = 0;
    for (int j = 0; j < f; j++) {
      double std = Math.sqrt(sq[j] / n);
      if (std == 0) {
        constant.add(j);
        continue;
      }
      double score = Math.max(Math.abs(mean[j]) / MAX_ABS_MEAN,
          Math.max(std / MAX_STD, MIN_STD / std));
      if (score > worstScore) {
        worstScore = score;
        worst = j;
      }
    }
    List<String> problems = new ArrayList<>();
    if (!constant.isEmpty()) {
      problems.add(String.format(Locale.ROOT, "%d of %d features are constant in training %s",
          constant.size(), f, first(constant)));
    }
    if (worstScore > 1) {
      problems.add(String.format(Locale.ROOT,
          "feature %d has mean %.3g and standard deviation %.3g: not standardised", worst,
          mean[worst], Math.sqrt(sq[worst] / n)));
    }
    if (problems.isEmpty()) {
      return CheckResult.pass(NAME, String.format(Locale.ROOT,
          "all %d features standardised (|mean| <= %.0f, std in [%.1f, %.0f])", f, MAX_ABS_MEAN,
          MIN_STD, MAX_STD));
    }
    return CheckResult.warn(NAME, String.join("; ", problems));
  }

  private static String first(List<Integer> columns) {
    List<Integer> shown = columns.subList(0, Math.min(8, columns.size()));
    return "(" + shown.toString().replaceAll("[\\[\\]]", "")
        + (columns.size() > shown.size() ? ", ..." : "") + ")";
  }
}
