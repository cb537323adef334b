package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Dataset;
import java.util.Locale;

/**
 * Class balance and the accuracy to beat: the share of each class in training, and the accuracy
 * on validation of always predicting the training majority. Fails when training has fewer than
 * two classes or lacks a class that validation has; warns when the largest class is more than
 * three times the smallest (accuracy then flatters; read F1).
 */
final class ClassBalanceCheck implements PreflightCheck {

  static final String NAME = "class balance";
  static final double IMBALANCE = 3.0;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset train = s.train();
    if (!train.isClassification()) {
      return CheckResult.pass(NAME, "regression: no classes to balance");
    }
    int[] counts = train.classCounts();
    int[] valCounts = s.validation().classCounts();
    int present = 0;
    int majority = 0;
    int minority = -1;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        present++;
        if (minority < 0 || counts[c] < counts[minority]) {
          minority = c;
        }
      } else if (valCounts[c] > 0) {
        return CheckResult.fail(NAME, String.format(Locale.ROOT,
            "class '%s' has %d validation examples but none in training", train.classNames().get(c),
            valCounts[c]));
      }
      if (counts[c] > counts[majority]) {
        majority = c;
      }
    }
    if (present < 2) {
      return CheckResult.fail(NAME, "training has " + present + " class; nothing to learn");
    }
    double share = counts[majority] / (double) train.size();
    double baseline = valCounts[majority] / (double) s.validation().size();
    double ratio = counts[majority] / (double) counts[minority];
    String shares = counts[majority] == counts[minority]
        ? String.format(Locale.ROOT, "every class %.1f%% of training", 100 * share)
        : String.format(Locale.ROOT, "largest '%s' %.1f%% of training, smallest '%s' %.1f%% "
            + "(ratio %.2f)", train.classNames().get(majority), 100 * share,
            train.classNames().get(minority), 100.0 * counts[minority] / train.size(), ratio);
    String detail = String.format(Locale.ROOT, "%d classes; %s; majority-class accuracy on "
        + "validation %.4f (the accuracy to beat)", present, shares, baseline);
    return ratio > IMBALANCE
        ? CheckResult.warn(NAME, detail + "; imbalanced: judge by F1, not accuracy")
        : CheckResult.pass(NAME, detail);
  }
}
