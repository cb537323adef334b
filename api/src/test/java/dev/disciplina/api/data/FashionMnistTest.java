package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

@DisplayName("FashionMnist")
@EnabledIf("dev.disciplina.api.data.FashionMnist#isInstalled")
class FashionMnistTest {

  @Test
  @DisplayName("Debian's package reads as 10,000 test images of 784 pixels in [0, 1], 10 classes")
  void testPart() throws IOException {
    Dataset test = FashionMnist.test(FashionMnist.DEBIAN_DIRECTORY);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(test.featureCount()).isEqualTo(784);
    assertThat(test.classNames()).hasSize(10).startsWith("T-shirt/top");
    assertThat(test.classCounts()).containsOnly(1000);
    float max = 0;
    for (float v : test.row(0)) {
      assertThat(v).isBetween(0f, 1f);
      max = Math.max(max, v);
    }
    assertThat(max).isPositive();
  }
}
