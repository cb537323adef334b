package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Dropout;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShardingTest {

  private static final Split DIGITS =
      Split.random(EmbeddedDatasets.digits().head(900), 0.2, 0, Rng.seeded(7)).standardized();

  private record Result(History history, Map<String, float[]> weights) {}

  private static Result train(TrainingConfig config, Function<Rng, Module> net) {
    try (Scope scope = Scope.open(Backends.named("cpu"))) {
      Module model = net.apply(Rng.seeded(config.seed()).split("model"));
      Sgd sgd = Sgd.builder(model.parameters()).learningRate(0.05).momentum(0.9).build();
      History h = new Trainer(config, Backends.named("cpu"), java.util.List.of())
          .fit(model, Loss.softmaxCrossEntropy(), sgd, DIGITS.train(), DIGITS.validation());
      return new Result(h.withoutTimes(), model.stateDict());
    }
  }

  private static Module mlp(Rng rng) {
    return new Sequential(new Linear(64, 32, rng), new ReLU(), new Linear(32, 10, rng));
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(2).batchSize(64).seed(5);
  }

  private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
    double max = 0;
    for (String k : a.keySet()) {
      float[] x = a.get(k);
      float[] y = b.get(k);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  @Test
  @DisplayName("sharded training agrees with the plain loop to float rounding, and is not the same computation")
  void shardsAgreeWithPlainLoop() {
    Result plain = train(config().build(), ShardingTest::mlp);
    Result three = train(config().shards(3).build(), ShardingTest::mlp);
    double diff = maxDifference(plain.weights(), three.weights());
    assertThat(diff).isLessThan(1e-6).isPositive();
    for (int e = 0; e < plain.history().size(); e++) {
      assertThat(three.history().epochs().get(e).trainLoss())
          .isCloseTo(plain.history().epochs().get(e).trainLoss(),
              org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  @DisplayName("the same sharded run twice gives the same bits")
  void shardedIsRepeatable() {
    Result a = train(config().shards(3).build(), ShardingTest::mlp);
    Result b = train(config().shards(3).build(), ShardingTest::mlp);
    assertThat(a.history()).isEqualTo(b.history());
    assertThat(maxDifference(a.weights(), b.weights())).isZero();
  }

  @Test
  @DisplayName("dropout masks do not depend on how a batch is split into shards")
  void dropoutIndependentOfShards() {
    Function<Rng, Module> net = rng -> new Sequential(new Linear(64, 32, rng), new ReLU(),
        new Dropout(0.3, rng), new Linear(32, 10, rng));
    Result two = train(config().shards(2).build(), net);
    Result three = train(config().shards(3).build(), net);
    assertThat(maxDifference(two.weights(), three.weights())).isLessThan(1e-5);
  }

  @Test
  @DisplayName("batch norm under shards is refused, naming the layer")
  void batchNormRefused() {
    assertThatThrownBy(() -> train(config().shards(2).build(), rng -> new Sequential(
        new Linear(64, 32, rng), new BatchNorm1d(32), new ReLU(), new Linear(32, 10, rng))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer '1' is BatchNorm1d")
        .hasMessageContaining("2 shards");
  }

  @Test
  @DisplayName("a batch smaller than the number of shards is refused before training")
  void tooSmallBatchRefused() {
    assertThatThrownBy(() -> train(config().batchSize(2).shards(3).build(), ShardingTest::mlp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be split into 3 non-empty shards");
  }

  @Test
  @DisplayName("shards and accumulation cannot be combined")
  void noShardsWithAccumulation() {
    assertThatThrownBy(() -> config().shards(2).accumulateBatches(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be combined");
  }
}
