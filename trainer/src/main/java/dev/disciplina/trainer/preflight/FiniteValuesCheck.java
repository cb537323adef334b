package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fails when a feature or a target of any split is NaN or infinite, naming the first one. */
final class FiniteValuesCheck implements PreflightCheck {

  static final String NAME = "finite values";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    List<Dataset> splits = new ArrayList<>(List.of(s.train(), s.validation()));
    s.test().ifPresent(splits::add);
    long values = 0;
    long bad = 0;
    String first = null;
    for (Dataset d : splits) {
      float[] x = d.features();
      values += x.length;
      for (int i = 0; i < x.length; i++) {
        if (!Float.isFinite(x[i])) {
          bad++;
          if (first == null) {
            first = String.format(Locale.ROOT, "%s example %d feature %d is %s", d.name(),
                i / d.featureCount(), i % d.featureCount(), x[i]);
          }
        }
      }
      if (!d.isClassification()) {
        float[] y = d.targets();
        values += y.length;
        for (int i = 0; i < y.length; i++) {
          if (!Float.isFinite(y[i])) {
            bad++;
            if (first == null) {
              first = String.format(Locale.ROOT, "%s example %d target %d is %s", d.name(),
                  i / d.targetWidth(), i % d.targetWidth(), y[i]);
            }
          }
        }
      }
    }
    if (bad > 0) {
      return CheckResult.fail(NAME, String.format(Locale.ROOT,
          "%d of %d values are NaN or infinite; the first: %s", bad, values, first));
    }
    return CheckResult.pass(NAME, String.format(Locale.ROOT,
        "%d values in %d splits, none NaN or infinite", values, splits.size()));
  }
}
