package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One seed, one run, whatever the backend: the ND4J and DJL backends train the same model on
 * the same data to the same curves as the pure-Java reference. Initial weights, shuffles and
 * dropout masks are drawn in Java, so the only differences left are float rounding in the
 * kernels, which grow slowly with training: validation losses must agree to 1e-4 (relative)
 * after the first epoch and to 1e-2 at the end, and the diagnosis must be the same.
 */
@DisplayName("the same seed gives the same run on every backend")
class SameRunAcrossBackendsTest {

  private static final int EPOCHS = 12;
  private static Split split;
  private static History reference;

  @BeforeAll
  static void runReference() throws Exception {
    split = Split.random(EmbeddedDatasets.digits(), 0.2, 0, Rng.seeded(3)).standardized();
    reference = run("cpu");
  }

  static History run(String backend) {
    Experiment mlp = Experiment.of(
        rng -> new Sequential(new Linear(64, 48, rng), new ReLU(), new Dropout(0.1, rng),
            new Linear(48, 10, rng)),
        model -> Sgd.builder(model.parameters()).learningRate(0.05).momentum(0.9).build(),
        Loss.softmaxCrossEntropy());
    TrainingConfig config = TrainingConfig.builder().epochs(EPOCHS).batchSize(32).seed(11).build();
    return new Trainer(config, Backends.named(backend), List.of()).fit(mlp, split);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nd4j", "djl"})
  @DisplayName("validation losses agree with the cpu backend: 1e-4 after epoch 1, 1e-2 at the end")
  void sameRun(String backend) {
    History other = run(backend);
    assertThat(other.size()).isEqualTo(reference.size()).isEqualTo(EPOCHS);
    double first = reference.epochs().get(0).validationLoss();
    double last = reference.last().validationLoss();
    assertThat(other.epochs().get(0).validationLoss())
        .as("%s epoch 1 validation loss vs cpu", backend)
        .isCloseTo(first, within(1e-4 * first));
    assertThat(other.last().validationLoss())
        .as("%s epoch %d validation loss vs cpu", backend, EPOCHS)
        .isCloseTo(last, within(1e-2 * last));
    assertThat(other.diagnose().verdict()).isEqualTo(reference.diagnose().verdict());
    assertThat(other.bestEpoch()).isEqualTo(reference.bestEpoch());
  }
}
