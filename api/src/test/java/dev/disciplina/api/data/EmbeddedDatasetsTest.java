package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EmbeddedDatasets")
class EmbeddedDatasetsTest {

  @Test
  @DisplayName("digits has 1797 8x8 images of 10 classes")
  void digits() {
    Dataset d = EmbeddedDatasets.digits();
    assertThat(d.size()).isEqualTo(1797);
    assertThat(d.featureCount()).isEqualTo(64);
    assertThat(d.classCount()).isEqualTo(10);
    assertThat(d.label(0)).isZero();
    assertThat(d.feature(0, 2)).isEqualTo(5f);
  }

  @Test
  @DisplayName("iris, wine and breast-cancer have their published sizes and class names")
  void others() {
    Dataset iris = EmbeddedDatasets.iris();
    assertThat(iris.toString()).isEqualTo("iris: 150 examples, 4 features, 3 classes");
    assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(iris.classCounts()).containsExactly(50, 50, 50);
    Dataset wine = EmbeddedDatasets.wine();
    assertThat(wine.size()).isEqualTo(178);
    assertThat(wine.featureCount()).isEqualTo(13);
    Dataset bc = EmbeddedDatasets.named("breast_cancer");
    assertThat(bc.size()).isEqualTo(569);
    assertThat(bc.featureCount()).isEqualTo(30);
    assertThat(bc.classNames()).containsExactly("malignant", "benign");
  }

  @Test
  @DisplayName("an unknown name lists the known ones")
  void unknown() {
    assertThatThrownBy(() -> EmbeddedDatasets.named("mnist"))
        .hasMessage("unknown embedded dataset 'mnist'; known: digits, iris, wine, breast-cancer");
  }

  @Test
  @DisplayName("the sources are credited next to the data")
  void notice() throws Exception {
    try (var in = EmbeddedDatasets.class.getResourceAsStream("NOTICE.md")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("UCI Machine Learning Repository").contains("CC BY 4.0");
    }
  }
}
