package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.LeakReport;
import java.util.Locale;

/**
 * Fails when validation or test examples also appear in the training split, found by a hash of
 * their content and confirmed feature by feature: the model may have memorised them.
 */
final class SplitLeakCheck implements PreflightCheck {

  static final String NAME = "split leak";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    LeakReport r = LeakReport.of(s.train(), s.validation(), s.test().orElse(null));
    if (!r.isClean()) {
      return CheckResult.fail(NAME, r.message());
    }
    return CheckResult.pass(NAME, String.format(Locale.ROOT,
        "none of %d validation%s examples appears in the %d training examples (content hash)",
        r.validationExamples(), r.testExamples() > 0 ? " and " + r.testExamples() + " test" : "",
        s.train().size()));
  }
}
