package dev.disciplina.api.data;

import dev.disciplina.api.random.Rng;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset cut into a training split, a validation split and an optional test split.
 *
 * <p>{@link #random} cuts one dataset by a seeded permutation of its rows, so the splits are
 * disjoint by construction: no row is in two of them. {@link #of} takes splits the user made
 * and checks for leaks instead: it hashes every example and counts how many validation and test
 * examples also appear in training ({@link LeakReport}), failing, warning or staying silent as
 * the {@link LeakPolicy} says.
 *
 * <p>{@link #standardized()} fits a {@link Standardizer} on the training split only and applies
 * it to all three. Immutable.
 */
public final class Split {

  private static final System.Logger LOG = System.getLogger(Split.class.getName());

  private final Dataset train;
  private final Dataset validation;
  private final Dataset test;
  private final LeakReport leakReport;
  private final Standardizer standardizer;

  private Split(Dataset train, Dataset validation, Dataset test, LeakReport leakReport,
      Standardizer standardizer) {
    this.train = Objects.requireNonNull(train, "train");
    this.validation = Objects.requireNonNull(validation, "validation");
    this.test = test;
    this.leakReport = leakReport;
    this.standardizer = standardizer;
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the training split is empty");
    }
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("the validation split is empty");
    }
    checkCompatible(train, validation);
    if (test != null) {
      checkCompatible(train, test);
    }
  }

  private static void checkCompatible(Dataset a, Dataset b) {
    if (a.featureCount() != b.featureCount() || a.isClassification() != b.isClassification()
        || a.classCount() != b.classCount() || a.targetWidth() != b.targetWidth()) {
      throw new IllegalArgumentException("splits do not match: " + a + " vs " + b);
    }
  }

  /**
   * Cuts {@code all} at random: {@code validationFraction} of the rows for validation, {@code
   * testFraction} for test (0 for none), the rest for training. Classification datasets are
   * stratified — each class is cut in the same proportions — so that a small validation split
   * still has every class. Rows keep their relative order within each split.
   */
  public static Split random(Dataset all, double validationFraction, double testFraction,
      Rng rng) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got "
          + validationFraction);
    }
    if (!(testFraction >= 0 && validationFraction + testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be >= 0 and leave a training split, got "
          + testFraction + " with validation " + validationFraction);
    }
    int n = all.size();
    // role[i]: 0 train, 1 validation, 2 test
    byte[] role = new byte[n];
    List<int[]> groups = new ArrayList<>();
    if (all.isClassification()) {
      int[] counts = all.classCounts();
      int[][] byClass = new int[counts.length][];
      int[] fill = new int[counts.length];
      for (int c = 0; c < counts.length; c++) {
        byClass[c] = new int[counts[c]];
      }
      for (int i = 0; i < n; i++) {
        int c = all.label(i);
        byClass[c][fill[c]++] = i;
      }
      for (int[] g : byClass) {
        groups.add(g);
      }
    } else {
      int[] every = new int[n];
      for (int i = 0; i < n; i++) {
        every[i] = i;
      }
      groups.add(every);
    }
    // Largest remainders across groups, so totals match round(n * fraction) exactly.
    int wantValidation = (int) Math.round(n * validationFraction);
    int wantTest = (int) Math.round(n * testFraction);
    int[] validationPerGroup = apportion(groups, wantValidation, validationFraction);
    int[] testPerGroup = apportion(groups, wantTest, testFraction);
    for (int g = 0; g < groups.size(); g++) {
      int[] rows = groups.get(g);
      int[] perm = rng.split("group " + g).permutation(rows.length);
      int v = Math.min(validationPerGroup[g], rows.length);
      int t = Math.min(testPerGroup[g], rows.length - v);
      for (int k = 0; k < v; k++) {
        role[rows[perm[k]]] = 1;
      }
      for (int k = v; k < v + t; k++) {
        role[rows[perm[k]]] = 2;
      }
    }
    int[][] byRole = new int[3][];
    int[] counts = new int[3];
    for (byte r : role) {
      counts[r]++;
    }
    for (int r = 0; r < 3; r++) {
      byRole[r] = new int[counts[r]];
    }
    int[] fill = new int[3];
    for (int i = 0; i < n; i++) {
      byRole[role[i]][fill[role[i]]++] = i;
    }
    if (counts[0] == 0 || counts[1] == 0 || (testFraction > 0 && counts[2] == 0)) {
      throw new IllegalArgumentException("dataset '" + all.name() + "' of " + n
          + " examples is too small for a validation fraction of " + validationFraction
          + (testFraction > 0 ? " and a test fraction of " + testFraction : ""));
    }
    Dataset tr = all.subset(all.name() + "/train", byRole[0]);
    Dataset va = all.subset(all.name() + "/validation", byRole[1]);
    Dataset te = counts[2] == 0 ? null : all.subset(all.name() + "/test", byRole[2]);
    return new Split(tr, va, te, new LeakReport(va.size(), 0, te == null ? 0 : te.size(), 0),
        null);
  }

  private static int[] apportion(List<int[]> groups, int total, double fraction) {
    int[] out = new int[groups.size()];
    double[] remainder = new double[groups.size()];
    int given = 0;
    for (int g = 0; g < groups.size(); g++) {
      double exact = groups.get(g).length * fraction;
      out[g] = (int) Math.floor(exact);
      remainder[g] = exact - out[g];
      given += out[g];
    }
    while (given < total) {
      int best = -1;
      for (int g = 0; g < groups.size(); g++) {
        if (out[g] < groups.get(g).length && (best < 0 || remainder[g] > remainder[best])) {
          best = g;
        }
      }
      if (best < 0) {
        break;
      }
      out[best]++;
      remainder[best] = -1;
      given++;
    }
    return out;
  }

  /**
   * Splits the user made. Examples are hashed and validation and test examples found in {@code
   * train} are counted; {@code policy} says whether that fails ({@link DataLeakException}), warns
   * or passes silently. {@code test} may be null.
   */
  public static Split of(Dataset train, Dataset validation, Dataset test, LeakPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    LeakReport report = LeakReport.of(train, validation, test);
    if (!report.isClean()) {
      switch (policy) {
        case FAIL:
          throw new DataLeakException(report);
        case WARN:
          LOG.log(Level.WARNING, report.message());
          break;
        default:
          break;
      }
    }
    return new Split(train, validation, test, report, null);
  }

  public Dataset train() {
    return train;
  }

  public Dataset validation() {
    return validation;
  }

  public Optional<Dataset> test() {
    return Optional.ofNullable(test);
  }

  /**
   * What the leak check found: for {@link #of} the hashed comparison; for {@link #random}, zero
   * by construction (no row is in two splits).
   */
  public LeakReport leakReport() {
    return leakReport;
  }

  /** The standardiser applied by {@link #standardized()}, if it was. */
  public Optional<Standardizer> standardizer() {
    return Optional.ofNullable(standardizer);
  }

  /** These splits with features standardised by a {@link Standardizer} fitted on training only. */
  public Split standardized() {
    Standardizer s = Standardizer.fit(train);
    return new Split(s.apply(train), s.apply(validation), test == null ? null : s.apply(test),
        leakReport, s);
  }

  /**
   * These splits with the training split cut to {@code n} examples chosen by {@code rng} (all of
   * them if there are fewer), in their original order: to show overfitting on a small slice.
   */
  public Split limitTraining(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("training limit must be at least 1, got " + n);
    }
    if (n >= train.size()) {
      return this;
    }
    int[] pick = java.util.Arrays.copyOf(rng.permutation(train.size()), n);
    java.util.Arrays.sort(pick);
    return new Split(train.subset(train.name(), pick), validation, test, leakReport,
        standardizer);
  }

  @Override
  public String toString() {
    return "Split(train " + train.size() + ", validation " + validation.size()
        + (test == null ? "" : ", test " + test.size()) + ")";
  }
}
