package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same run on every backend, on real images: Debian's Fashion-MNIST (6,000 training
 * examples), a 784-64-10 ReLU network as {@code disciplina train} builds it, three epochs with
 * momentum SGD and with Adam. Every epoch's validation loss must agree across cpu, nd4j and djl
 * to 1e-5 relative. Rounding differences between backends are amplified once a hidden unit's
 * input sits within rounding of zero and its ReLU decides differently; the backend kit holds
 * the accuracy that keeps those flips rare ({@code longSumsStayAccurate}) and names the first
 * differing tensor when they happen ({@code StepComparison}). A missing dataset is a failure,
 * not a skip.
 */
@DisplayName("the same seed gives the same Fashion-MNIST run on every backend")
class SameRunOnFashionMnistTest {

  private static final int EPOCHS = 3;
  private static final double RELATIVE = 1e-5;
  private static Split split;

  @BeforeAll
  static void load() throws Exception {
    assertThat(FashionMnist.isInstalled())
        .as("Fashion-MNIST is not installed in %s: run 'apt-get install dataset-fashion-mnist' "
            + "(.ci/run does); this test needs the real images", FashionMnist.DEBIAN_DIRECTORY)
        .isTrue();
    Split all = Split.random(FashionMnist.train(FashionMnist.DEBIAN_DIRECTORY), 0.05, 0,
        Rng.seeded(1).split("split"));
    split = all.limitTraining(6000, Rng.seeded(1).split("train-limit")).standardized();
  }

  private static History run(String backend, Function<List<dev.disciplina.api.nn.Parameter>,
      Optimizer> optimizer) {
    Experiment mlp = Experiment.of(
        rng -> new Sequential(new Linear(784, 64, rng), new ReLU(), new Linear(64, 10, rng)),
        model -> optimizer.apply(model.parameters()), Loss.softmaxCrossEntropy());
    TrainingConfig config = TrainingConfig.builder().epochs(EPOCHS).batchSize(32).seed(1).build();
    return new Trainer(config, Backends.named(backend), List.of()).fit(mlp, split);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"momentum", "adam"})
  @DisplayName("every epoch's validation loss agrees across cpu, nd4j and djl to 1e-5 relative")
  void everyEpochAgrees(String name) {
    Function<List<dev.disciplina.api.nn.Parameter>, Optimizer> optimizer = name.equals("adam")
        ? p -> Adam.adam(p).learningRate(0.001).build()
        : p -> Sgd.builder(p).learningRate(0.01).momentum(0.9).build();
    History cpu = run("cpu", optimizer);
    for (String other : List.of("nd4j", "djl")) {
      History h = run(other, optimizer);
      assertThat(h.size()).isEqualTo(EPOCHS);
      for (int e = 0; e < EPOCHS; e++) {
        double expected = cpu.epochs().get(e).validationLoss();
        double actual = h.epochs().get(e).validationLoss();
        assertThat(Math.abs(actual - expected) / expected)
            .as("%s: %s's validation loss after epoch %d is %s, cpu's %s", name, other, e + 1,
                actual, expected)
            .isLessThanOrEqualTo(RELATIVE);
      }
    }
  }
}
