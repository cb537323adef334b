package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("batches and evaluation")
class BatchTensorsTest {

  private static final Dataset TWO_CLASSES = Dataset.classification("t",
      new float[] {1, 2, 3, 4, 5, 6}, 2, new int[] {1, 0, 1}, List.of("no", "yes"));

  @Test
  @DisplayName("a batch makes its inputs and targets, in batch order, in the current scope")
  void tensors() {
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Batch b = new Batch(TWO_CLASSES, new int[] {2, 0}, 0);
      Tensor x = b.inputs();
      assertThat(x.shape()).isEqualTo(Shape.of(2, 2));
      assertThat(x.toArray()).containsExactly(5, 6, 1, 2);
      assertThat(b.targets(TargetEncoding.ONE_HOT).toArray()).containsExactly(0, 1, 0, 1);
      assertThat(b.targets(TargetEncoding.LABEL_COLUMN).toArray()).containsExactly(1, 1);
      assertThat(x.scope()).isSameAs(scope);
      assertThatThrownBy(() -> b.targets(TargetEncoding.VALUES))
          .hasMessageContaining("classification dataset");
    }
    Dataset regression = Dataset.regression("r", new float[] {1, 2}, 1, new float[] {3, 4}, 1);
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Batch b = new Batch(regression, new int[] {1}, 0);
      assertThat(b.targets(TargetEncoding.VALUES).toArray()).containsExactly(4);
      assertThatThrownBy(() -> b.targets(TargetEncoding.LABEL_COLUMN))
          .hasMessageContaining("need two classes");
    }
  }

  @Test
  @DisplayName("the target encoding follows the loss: one-hot for cross-entropy, a column for BCE, values for regression")
  void encodings() {
    Dataset regression = Dataset.regression("r", new float[] {1, 2}, 1, new float[] {3, 4}, 1);
    assertThat(Evaluator.encodingFor(Loss.softmaxCrossEntropy(), TWO_CLASSES))
        .isEqualTo(TargetEncoding.ONE_HOT);
    assertThat(Evaluator.encodingFor(Loss.binaryCrossEntropy(), TWO_CLASSES))
        .isEqualTo(TargetEncoding.LABEL_COLUMN);
    assertThat(Evaluator.encodingFor(Loss.meanSquaredError(), regression))
        .isEqualTo(TargetEncoding.VALUES);
    assertThatThrownBy(() -> Evaluator.encodingFor(Loss.softmaxCrossEntropy(), regression))
        .hasMessageContaining("needs class labels");
  }

  @Test
  @DisplayName("evaluation averages the loss over examples and predicts binary classes from logits above 0")
  void evaluation() {
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Linear layer = new Linear(2, 1, Rng.seeded(1));
      layer.weight().load(new float[] {1, -1});
      layer.bias().load(new float[] {0.5f});
      // logits: 1-2+0.5 = -0.5, 3-4+0.5 = -0.5, 5-6+0.5 = -0.5: all predicted 0
      Evaluation e = new Evaluator(Loss.binaryCrossEntropy(), TargetEncoding.LABEL_COLUMN, 2)
          .evaluate(layer, TWO_CLASSES);
      double p = 1 / (1 + Math.exp(0.5));
      double expected = (2 * -Math.log(p) + -Math.log(1 - p)) / 3;
      assertThat(e.loss()).isCloseTo(expected, within(1e-6));
      assertThat(e.metric("accuracy")).isEqualTo(1.0 / 3);
      assertThat(e.examples()).isEqualTo(3);
      assertThat(layer.isTraining()).isTrue();
    }
  }
}
