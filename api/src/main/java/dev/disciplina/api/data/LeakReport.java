package dev.disciplina.api.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many validation and test examples also appear, feature for feature, in the training split:
 * each such example is one the model may have memorised, which flatters its validation score.
 *
 * <p>Examples are compared by a 64-bit hash of their features' bit patterns, confirmed by exact
 * comparison, so the count has no false positives.
 */
public record LeakReport(
    int validationExamples, int validationInTraining, int testExamples, int testInTraining) {

  /** Counts the examples of {@code validation} and {@code test} (may be null) found in {@code train}. */
  public static LeakReport of(Dataset train, Dataset validation, Dataset test) {
    Map<Long, int[]> index = new HashMap<>();
    for (int i = 0; i < train.size(); i++) {
      int row = i;
      index.merge(train.featureHash(i), new int[] {row}, (prior, next) -> {
        int[] grown = Arrays.copyOf(prior, prior.length + 1);
        grown[prior.length] = next[0];
        return grown;
      });
    }
    int v = validation == null ? 0 : countIn(train, index, validation);
    int t = test == null ? 0 : countIn(train, index, test);
    return new LeakReport(validation == null ? 0 : validation.size(), v,
        test == null ? 0 : test.size(), t);
  }

  private static int countIn(Dataset train, Map<Long, int[]> index, Dataset other) {
    int found = 0;
    for (int j = 0; j < other.size(); j++) {
      int[] rows = index.get(other.featureHash(j));
      if (rows == null) {
        continue;
      }
      for (int i : rows) {
        if (train.sameFeatures(i, other, j)) {
          found++;
          break;
        }
      }
    }
    return found;
  }

  /** Whether no validation or test example appears in training. */
  public boolean isClean() {
    return validationInTraining == 0 && testInTraining == 0;
  }

  /** One line, for a log or an error. */
  public String message() {
    if (isClean()) {
      return "no validation or test example appears in the training split";
    }
    StringBuilder s = new StringBuilder("data leak: ");
    s.append(validationInTraining).append(" of ").append(validationExamples)
        .append(" validation examples also appear in the training split");
    if (testExamples > 0) {
      s.append(", and ").append(testInTraining).append(" of ").append(testExamples)
          .append(" test examples");
    }
    s.append("; validation scores will look better than the model is");
    return s.toString();
  }
}
