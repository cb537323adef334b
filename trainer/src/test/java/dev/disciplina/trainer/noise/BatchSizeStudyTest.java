package dev.disciplina.trainer.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the batch-size study")
class BatchSizeStudyTest {

  private static BatchSizeStudy.Run run(int batch, long steps) {
    return new BatchSizeStudy.Run(batch, 1, 1, 1, 0, 0.1, 1, Double.NaN, Double.NaN, steps);
  }

  @Test
  @DisplayName("fits B_crit from steps that follow S_min (1 + B_crit / B)")
  void criticalBatchFromSteps() {
    double sMin = 200;
    double bCrit = 64;
    List<BatchSizeStudy.Run> runs = new ArrayList<>();
    for (int b : new int[] {8, 32, 128, 512}) {
      runs.add(run(b, Math.round(sMin * (1 + bCrit / b))));
    }
    assertThat(BatchSizeStudy.criticalBatch(runs)).isCloseTo(bCrit, within(1.0));
  }

  @Test
  @DisplayName("has no critical batch when fewer than three runs reached the target")
  void unresolved() {
    assertThat(BatchSizeStudy.criticalBatch(List.of(run(8, 100), run(32, -1), run(128, 40))))
        .isNaN();
    assertThat(BatchSizeStudy.criticalBatch(List.of(run(8, 100), run(32, 100), run(128, 100))))
        .isNaN();
  }
}
