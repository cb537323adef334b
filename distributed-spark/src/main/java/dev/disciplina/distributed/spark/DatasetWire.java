package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.Dataset;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Dataset} as Spark ships it to the tasks (broadcast once per run): its name, features
 * and labels or real targets, in row order. Immutable.
 */
record DatasetWire(String name, int featureCount, float[] features, int[] labels,
    ArrayList<String> classNames, float[] targets, int targetWidth) implements Serializable {

  private static final long serialVersionUID = 1L;

  static DatasetWire of(Dataset d) {
    return d.isClassification()
        ? new DatasetWire(d.name(), d.featureCount(), d.features(), d.labels(),
            new ArrayList<>(d.classNames()), null, 0)
        : new DatasetWire(d.name(), d.featureCount(), d.features(), null, null, d.targets(),
            d.targetWidth());
  }

  Dataset toDataset() {
    return labels != null
        ? Dataset.classification(name, features, featureCount, labels, List.copyOf(classNames))
        : Dataset.regression(name, features, featureCount, targets, targetWidth);
  }
}
