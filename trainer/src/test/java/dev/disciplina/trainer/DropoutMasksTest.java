package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.random.ExampleKeys;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("dropout masks in the loop")
class DropoutMasksTest {

  private static float[] masks(Dropout d, int epoch, long... examples) {
    float[] ones = new float[examples.length * 6];
    Arrays.fill(ones, 1f);
    try (ExampleKeys.Activation k = ExampleKeys.enter(epoch, examples);
        Scope s = Scope.open(Backends.named("cpu"))) {
      return d.forward(Tensor.of(Shape.of(examples.length, 6), ones)).value().toArray();
    }
  }

  private static float[] row(float[] m, int r) {
    return Arrays.copyOfRange(m, r * 6, r * 6 + 6);
  }

  @Test
  @DisplayName("a row's mask depends on (seed, epoch, example) only: not on the batch it is in or how the batch is split")
  void keyedByExample() {
    for (long seed = 0; seed < 20; seed++) {
      Dropout d = new Dropout(0.5, Rng.seeded(seed));
      float[] together = masks(d, 3, 5, 9, 2);
      float[] first = masks(d, 3, 9);
      float[] rest = masks(d, 3, 2, 5);
      assertThat(row(together, 1)).isEqualTo(row(first, 0));
      assertThat(row(together, 2)).isEqualTo(row(rest, 0));
      assertThat(row(together, 0)).isEqualTo(row(rest, 1));
      assertThat(masks(d, 4, 5, 9, 2)).as("another epoch draws other masks")
          .isNotEqualTo(together);
      assertThat(masks(new Dropout(0.5, Rng.seeded(seed + 100)), 3, 5, 9, 2))
          .as("another seed draws other masks").isNotEqualTo(together);
    }
  }
}
