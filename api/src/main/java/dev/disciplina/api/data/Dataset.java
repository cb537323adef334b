package dev.disciplina.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable table of examples held in memory: a feature vector per example and either a class
 * label (classification) or a vector of real targets (regression).
 *
 * <p>Features are float32, row-major, {@link #featureCount()} per example. Class labels are
 * indices into {@link #classNames()}. A dataset never changes: {@link #subset(String, int[])},
 * {@link Standardizer#apply(Dataset)} and the like return new datasets, and accessors return
 * copies, so a dataset can be shared between threads and between the splits of a {@link Split}.
 *
 * <p>Datasets hold plain Java arrays, not tensors: a {@link Batch} makes the tensors of one
 * iteration in the current {@link dev.disciplina.api.tensor.Scope} when asked.
 */
public final class Dataset {

  private final String name;
  private final int size;
  private final int featureCount;
  private final float[] features;
  private final int[] labels;
  private final List<String> classNames;
  private final float[] targets;
  private final int targetWidth;

  private Dataset(String name, int size, int featureCount, float[] features, int[] labels,
      List<String> classNames, float[] targets, int targetWidth) {
    this.name = Objects.requireNonNull(name, "name");
    this.size = size;
    this.featureCount = featureCount;
    this.features = features;
    this.labels = labels;
    this.classNames = classNames;
    this.targets = targets;
    this.targetWidth = targetWidth;
  }

  /**
   * A classification dataset: {@code labels.length} examples of {@code featureCount} features
   * each (row-major in {@code features}), labelled with indices into {@code classNames}. The
   * arrays are copied.
   */
  public static Dataset classification(
      String name, float[] features, int featureCount, int[] labels, List<String> classNames) {
    int n = checkFeatures(name, features, featureCount, labels.length);
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException(name + ": a classification dataset needs class names");
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
            + " is outside [0, " + classNames.size() + ")");
      }
    }
    return new Dataset(name, n, featureCount, features.clone(), labels.clone(),
        List.copyOf(classNames), null, 0);
  }

  /**
   * A regression dataset: examples of {@code featureCount} features and {@code targetWidth} real
   * targets each, both row-major. The arrays are copied.
   */
  public static Dataset regression(
      String name, float[] features, int featureCount, float[] targets, int targetWidth) {
    if (targetWidth < 1) {
      throw new IllegalArgumentException(name + ": target width must be at least 1, got "
          + targetWidth);
    }
    if (targets.length % targetWidth != 0) {
      throw new IllegalArgumentException(name + ": " + targets.length
          + " target values are not a whole number of rows of " + targetWidth);
    }
    int n = checkFeatures(name, features, featureCount, targets.length / targetWidth);
    return new Dataset(name, n, featureCount, features.clone(), null, null, targets.clone(),
        targetWidth);
  }

  /** {@link #classification} without the copies: for loaders that own the fresh arrays. */
  static Dataset adoptClassification(
      String name, float[] features, int featureCount, int[] labels, List<String> classNames) {
    int n = checkFeatures(name, features, featureCount, labels.length);
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
            + " is outside [0, " + classNames.size() + ")");
      }
    }
    return new Dataset(name, n, featureCount, features, labels, List.copyOf(classNames), null, 0);
  }

  /** {@link #regression} of one target per row without the copies: for loaders. */
  static Dataset adoptRegression(String name, float[] features, int featureCount,
      float[] targets) {
    int n = checkFeatures(name, features, featureCount, targets.length);
    return new Dataset(name, n, featureCount, features, null, null, targets, 1);
  }

  private static int checkFeatures(String name, float[] features, int featureCount, int n) {
    Objects.requireNonNull(name, "name");
    if (featureCount < 1) {
      throw new IllegalArgumentException(name + ": feature count must be at least 1, got "
          + featureCount);
    }
    if ((long) n * featureCount != features.length) {
      throw new IllegalArgumentException(name + ": " + n + " examples of " + featureCount
          + " features need " + (long) n * featureCount + " values, got " + features.length);
    }
    return n;
  }

  /** A short name for reports, such as {@code digits} or {@code digits/train}. */
  public String name() {
    return name;
  }

  /** The number of examples. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int featureCount() {
    return featureCount;
  }

  /** Whether examples carry class labels (rather than real targets). */
  public boolean isClassification() {
    return labels != null;
  }

  /** The number of classes; 0 for regression. */
  public int classCount() {
    return labels == null ? 0 : classNames.size();
  }

  /** The class names, indexed by label; empty for regression. */
  public List<String> classNames() {
    return labels == null ? List.of() : classNames;
  }

  /** The number of real targets per example; 0 for classification. */
  public int targetWidth() {
    return targetWidth;
  }

  /** Feature {@code j} of example {@code i}. */
  public float feature(int i, int j) {
    Objects.checkIndex(i, size);
    Objects.checkIndex(j, featureCount);
    return features[i * featureCount + j];
  }

  /** A copy of example {@code i}'s features. */
  public float[] row(int i) {
    Objects.checkIndex(i, size);
    return Arrays.copyOfRange(features, i * featureCount, (i + 1) * featureCount);
  }

  /** A copy of all features, row-major. */
  public float[] features() {
    return features.clone();
  }

  /** The class label of example {@code i}. */
  public int label(int i) {
    requireClassification("label");
    return labels[Objects.checkIndex(i, size)];
  }

  /** A copy of all class labels. */
  public int[] labels() {
    requireClassification("labels");
    return labels.clone();
  }

  /** Target {@code j} of example {@code i} (regression). */
  public float target(int i, int j) {
    requireRegression("target");
    Objects.checkIndex(i, size);
    Objects.checkIndex(j, targetWidth);
    return targets[i * targetWidth + j];
  }

  /** A copy of all targets, row-major (regression). */
  public float[] targets() {
    requireRegression("targets");
    return targets.clone();
  }

  /** How many examples each class has; empty for regression. */
  public int[] classCounts() {
    if (labels == null) {
      return new int[0];
    }
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The examples at {@code indices} (repeats allowed), in that order, as a new dataset. */
  public Dataset subset(String newName, int[] indices) {
    int d = featureCount;
    float[] f = new float[indices.length * d];
    for (int r = 0; r < indices.length; r++) {
      int i = Objects.checkIndex(indices[r], size);
      System.arraycopy(features, i * d, f, r * d, d);
    }
    if (labels != null) {
      int[] l = new int[indices.length];
      for (int r = 0; r < indices.length; r++) {
        l[r] = labels[indices[r]];
      }
      return new Dataset(newName, indices.length, d, f, l, classNames, null, 0);
    }
    int w = targetWidth;
    float[] t = new float[indices.length * w];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(targets, indices[r] * w, t, r * w, w);
    }
    return new Dataset(newName, indices.length, d, f, null, null, t, w);
  }

  /** The first {@code n} examples (all of them if there are fewer). */
  public Dataset head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("head: n must be >= 0, got " + n);
    }
    int m = Math.min(n, size);
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    return subset(name, idx);
  }

  /** This dataset under another name. */
  public Dataset named(String newName) {
    return new Dataset(newName, size, featureCount, features, labels, classNames, targets,
        targetWidth);
  }

  /** The same labels or targets with other features (same shape), such as standardised ones. */
  public Dataset withFeatures(float[] newFeatures) {
    if (newFeatures.length != features.length) {
      throw new IllegalArgumentException(name + ": withFeatures needs " + features.length
          + " values, got " + newFeatures.length);
    }
    return new Dataset(name, size, featureCount, newFeatures.clone(), labels, classNames, targets,
        targetWidth);
  }

  /** Copies the features of {@code rows} into {@code dest}, row after row. */
  public void copyFeatures(int[] rows, float[] dest) {
    int d = featureCount;
    if (dest.length < rows.length * d) {
      throw new IllegalArgumentException("copyFeatures: " + rows.length + " rows of " + d
          + " features do not fit in an array of " + dest.length);
    }
    for (int r = 0; r < rows.length; r++) {
      int i = Objects.checkIndex(rows[r], size);
      System.arraycopy(features, i * d, dest, r * d, d);
    }
  }

  /** Copies the targets of {@code rows} into {@code dest}, row after row (regression). */
  public void copyTargets(int[] rows, float[] dest) {
    requireRegression("copyTargets");
    int w = targetWidth;
    for (int r = 0; r < rows.length; r++) {
      int i = Objects.checkIndex(rows[r], size);
      System.arraycopy(targets, i * w, dest, r * w, w);
    }
  }

  /** A 64-bit hash of example {@code i}'s features (bit patterns, so -0 and 0 differ). */
  public long featureHash(int i) {
    Objects.checkIndex(i, size);
    long h = 0x9e3779b97f4a7c15L;
    int from = i * featureCount;
    for (int j = 0; j < featureCount; j++) {
      h = (h ^ Float.floatToIntBits(features[from + j])) * 0x100000001b3L;
      h ^= h >>> 29;
    }
    return h;
  }

  /** Whether example {@code i} of this dataset has the same features as example {@code j} of {@code other}. */
  public boolean sameFeatures(int i, Dataset other, int j) {
    if (other.featureCount != featureCount) {
      return false;
    }
    Objects.checkIndex(i, size);
    Objects.checkIndex(j, other.size);
    return Arrays.equals(features, i * featureCount, (i + 1) * featureCount,
        other.features, j * featureCount, (j + 1) * featureCount);
  }

  private void requireClassification(String what) {
    if (labels == null) {
      throw new IllegalStateException(what + ": dataset '" + name
          + "' is a regression dataset and has no class labels");
    }
  }

  private void requireRegression(String what) {
    if (targets == null) {
      throw new IllegalStateException(what + ": dataset '" + name
          + "' is a classification dataset and has class labels, not real targets");
    }
  }

  /** For example {@code digits: 1797 examples, 64 features, 10 classes}. */
  @Override
  public String toString() {
    return name + ": " + size + " examples, " + featureCount + " features, "
        + (labels != null ? classNames.size() + " classes" : targetWidth + " target"
            + (targetWidth == 1 ? "" : "s"));
  }
}
