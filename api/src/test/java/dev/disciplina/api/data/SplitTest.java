package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.api.random.Rng;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Split")
class SplitTest {

  /** A dataset whose single feature is the row index, so rows can be traced through splits. */
  private static Dataset indexed(int n, int classes) {
    float[] x = new float[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i % classes;
    }
    List<String> names = new java.util.ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("c" + c);
    }
    return Dataset.classification("idx", x, 1, y, names);
  }

  private static Set<Float> rows(Dataset d) {
    Set<Float> s = new HashSet<>();
    for (int i = 0; i < d.size(); i++) {
      s.add(d.feature(i, 0));
    }
    return s;
  }

  @Test
  @DisplayName("a random split is disjoint by construction and covers every row")
  void disjoint() {
    Split s = Split.random(indexed(1000, 3), 0.2, 0.1, Rng.seeded(5));
    Set<Float> train = rows(s.train());
    Set<Float> val = rows(s.validation());
    Set<Float> test = rows(s.test().orElseThrow());
    assertThat(train).doesNotContainAnyElementsOf(val).doesNotContainAnyElementsOf(test);
    assertThat(val).doesNotContainAnyElementsOf(test);
    assertThat(train.size() + val.size() + test.size()).isEqualTo(1000);
    assertThat(val).hasSize(200);
    assertThat(test).hasSize(100);
    assertThat(s.leakReport().isClean()).isTrue();
  }

  @Test
  @DisplayName("a random split of classes is stratified: each class keeps its share")
  void stratified() {
    Dataset all = EmbeddedDatasets.iris();
    Split s = Split.random(all, 0.2, 0, Rng.seeded(1));
    assertThat(s.validation().classCounts()).containsExactly(10, 10, 10);
    assertThat(s.train().classCounts()).containsExactly(40, 40, 40);
    assertThat(s.test()).isEmpty();
  }

  @Test
  @DisplayName("the same seed gives the same split, another seed another")
  void seeded() {
    Dataset all = indexed(300, 2);
    Split a = Split.random(all, 0.25, 0, Rng.seeded(9));
    Split b = Split.random(all, 0.25, 0, Rng.seeded(9));
    Split c = Split.random(all, 0.25, 0, Rng.seeded(10));
    assertThat(a.validation().features()).isEqualTo(b.validation().features());
    assertThat(a.validation().features()).isNotEqualTo(c.validation().features());
  }

  @Test
  @DisplayName("user-supplied splits are hashed and validation examples seen in training are counted")
  void leakCount() {
    Dataset all = indexed(100, 2);
    Dataset train = all.subset("train", range(0, 80));
    Dataset val = all.subset("val", range(70, 100)); // 10 overlap
    Split s = Split.of(train, val, null, LeakPolicy.IGNORE);
    assertThat(s.leakReport().validationInTraining()).isEqualTo(10);
    assertThat(s.leakReport().validationExamples()).isEqualTo(30);
    assertThat(s.leakReport().message()).contains("10 of 30 validation examples");
  }

  @Test
  @DisplayName("a leak fails under the FAIL policy, and only warns under WARN")
  void leakPolicy() {
    Dataset all = indexed(50, 2);
    Dataset train = all.subset("train", range(0, 40));
    Dataset val = all.subset("val", range(39, 50));
    Dataset test = all.subset("test", range(0, 2));
    assertThatThrownBy(() -> Split.of(train, val, test, LeakPolicy.FAIL))
        .isInstanceOf(DataLeakException.class)
        .hasMessageContaining("1 of 11 validation examples")
        .hasMessageContaining("2 of 2 test examples");
    Split warned = Split.of(train, val, test, LeakPolicy.WARN);
    assertThat(warned.leakReport().testInTraining()).isEqualTo(2);
    Split clean = Split.of(train, all.subset("v", range(40, 50)), null, LeakPolicy.FAIL);
    assertThat(clean.leakReport().isClean()).isTrue();
  }

  @Test
  @DisplayName("standardisation is fitted on the training split only")
  void standardizedOnTrainOnly() {
    float[] trainX = {0, 2, 4};
    float[] valX = {100, 200};
    Dataset train = Dataset.regression("t", trainX, 1, new float[] {0, 0, 0}, 1);
    Dataset val = Dataset.regression("v", valX, 1, new float[] {0, 0}, 1);
    Split s = Split.of(train, val, null, LeakPolicy.FAIL).standardized();
    Standardizer st = s.standardizer().orElseThrow();
    assertThat(st.mean()[0]).isEqualTo(2f);
    assertThat(st.std()[0]).isCloseTo((float) Math.sqrt(8.0 / 3), within(1e-6f));
    assertThat(s.train().feature(1, 0)).isEqualTo(0f);
    assertThat(s.validation().feature(0, 0)).isCloseTo((100 - 2) / st.std()[0], within(1e-4f));
  }

  @Test
  @DisplayName("limiting the training split keeps validation untouched")
  void limit() {
    Split s = Split.random(indexed(200, 2), 0.2, 0, Rng.seeded(3));
    Split small = s.limitTraining(10, Rng.seeded(4));
    assertThat(small.train().size()).isEqualTo(10);
    assertThat(small.validation()).isSameAs(s.validation());
    assertThat(rows(s.train())).containsAll(rows(small.train()));
  }

  @Test
  @DisplayName("fractions that leave no training or validation split are refused")
  void badFractions() {
    Dataset all = indexed(10, 2);
    assertThatThrownBy(() -> Split.random(all, 0, 0, Rng.seeded(1)))
        .hasMessageContaining("validation fraction");
    assertThatThrownBy(() -> Split.random(all, 0.5, 0.5, Rng.seeded(1)))
        .hasMessageContaining("test fraction");
    assertThatThrownBy(() -> Split.random(indexed(2, 2), 0.1, 0, Rng.seeded(1)))
        .hasMessageContaining("too small");
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }
}
