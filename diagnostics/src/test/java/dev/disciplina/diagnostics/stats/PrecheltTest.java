package dev.disciplina.diagnostics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prechelt's criteria")
class PrecheltTest {

  @Test
  @DisplayName("GL is the percentage by which validation loss exceeds its best so far")
  void generalizationLoss() {
    double[] va = {1.0, 0.5, 0.4, 0.5, 0.6};
    assertThat(Prechelt.generalizationLoss(va, 2)).isCloseTo(0.0, within(1e-12));
    assertThat(Prechelt.generalizationLoss(va, 4)).isCloseTo(50.0, within(1e-9));
    assertThat(Prechelt.generalizationLoss(new double[] {0, 1}, 1)).isNaN();
  }

  @Test
  @DisplayName("training progress is zero on a flat strip and 1000·(mean/min − 1) otherwise")
  void trainingProgress() {
    assertThat(Prechelt.trainingProgress(new double[] {1, 1, 1, 1, 1}, 4, 5)).isEqualTo(0.0);
    double[] tr = {2.0, 1.0, 0.5};
    assertThat(Prechelt.trainingProgress(tr, 2, 3)).isCloseTo(1000 * (3.5 / 1.5 - 1), within(1e-9));
    assertThat(Prechelt.trainingProgress(tr, 1, 3)).isNaN();
  }

  @Test
  @DisplayName("PQ is GL over training progress, infinite once training stalls while validation rises")
  void progressQuotient() {
    double[] va = {1.0, 0.5, 0.6};
    assertThat(Prechelt.progressQuotient(va, new double[] {1, 1, 1}, 2, 2)).isInfinite();
    assertThat(Prechelt.progressQuotient(va, new double[] {1.2, 1.1, 1.0}, 2, 2))
        .isCloseTo(20.0 / (1000 * (2.1 / 2.0 - 1)), within(1e-9));
  }

  @Test
  @DisplayName("UP counts successive strips that each ended higher than the one before")
  void upStrips() {
    double[] va = {5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7};
    assertThat(Prechelt.upStrips(va, 10, 2)).isEqualTo(3);
    assertThat(Prechelt.upStrips(va, 4, 2)).isEqualTo(0);
  }
}
