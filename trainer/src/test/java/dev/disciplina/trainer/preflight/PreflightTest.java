package dev.disciplina.trainer.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.LeakPolicy;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.Experiment;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each preflight check passes on a healthy experiment and fails on the bug it exists to catch. */
class PreflightTest {

  /** Iris without its duplicate rows (it has a few), so that a random split cannot leak. */
  static final Dataset UNIQUE_IRIS = unique(EmbeddedDatasets.iris());
  static final Split IRIS = Split.random(UNIQUE_IRIS, 0.2, 0, Rng.seeded(5).split("split"))
      .standardized();

  static Dataset unique(Dataset d) {
    java.util.List<Integer> keep = new java.util.ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      int row = i;
      if (keep.stream().noneMatch(k -> d.sameFeatures(k, d, row))) {
        keep.add(i);
      }
    }
    return d.subset(d.name(), keep.stream().mapToInt(Integer::intValue).toArray());
  }

  static Module mlp(Rng rng, Module... extra) {
    Module[] layers = new Module[3 + extra.length];
    layers[0] = new Linear(4, 16, rng);
    layers[1] = new ReLU();
    layers[2] = new Linear(16, 3, rng);
    System.arraycopy(extra, 0, layers, 3, extra.length);
    return new Sequential(layers);
  }

  static Experiment experiment(Function<Rng, Module> model) {
    return Experiment.of(model, m -> Adam.adam(m.parameters()).learningRate(0.01).build(),
        Loss.softmaxCrossEntropy());
  }

  static PreflightSubject subject(Experiment e, Dataset train, Dataset validation) {
    return new PreflightSubject(e, train, validation, Optional.empty(), 3, 32, Backends.named("cpu"));
  }

  static PreflightSubject healthy() {
    return subject(experiment(PreflightTest::mlp), IRIS.train(), IRIS.validation());
  }

  static CheckResult run(PreflightCheck check, PreflightSubject s) {
    CheckResult r = check.run(s);
    assertEquals(check.name(), r.check());
    assertFalse(r.detail().isBlank());
    return r;
  }

  /** Multiplies by a constant. */
  static final class Scale extends Module {
    private final float factor;

    Scale(float factor) {
      this.factor = factor;
    }

    @Override
    public Variable forward(Variable input) {
      return input.mul(factor);
    }
  }

  /** The bug of normalising over the wrong axis: subtracts the batch's mean from every row. */
  static final class SubtractBatchMean extends Module {
    @Override
    public Variable forward(Variable input) {
      return input.sub(input.mean(0, true));
    }
  }

  /** A layer whose factor is drawn at construction but not registered: checkpoints lose it. */
  static final class HiddenState extends Module {
    private final float factor;

    HiddenState(Rng rng) {
      factor = rng.uniform(0.5f, 2f);
    }

    @Override
    public Variable forward(Variable input) {
      return input.mul(factor);
    }
  }

  @Test
  @DisplayName("the standard checklist passes a healthy MLP on iris, every check with its numbers")
  void healthyPasses() {
    PreflightReport report = Preflight.standard().run(healthy());
    assertEquals(Preflight.standardChecks().size(), report.results().size());
    assertTrue(report.passed(), () -> String.join("\n", report.results().stream().map(CheckResult::line).toList()));
    assertTrue(report.results().stream().allMatch(r -> r.detail().matches(".*\\d.*")),
        "every item shows its numbers");
    assertTrue(report.summary().startsWith("preflight: "), report.summary());
  }

  @Nested
  @DisplayName("data checks")
  class Data {
    @Test
    @DisplayName("finite values fails on a NaN feature and names the example and the feature")
    void nan() {
      float[] x = IRIS.train().features();
      x[4 * 7 + 2] = Float.NaN;
      CheckResult r = run(new FiniteValuesCheck(), subject(experiment(PreflightTest::mlp),
          IRIS.train().withFeatures(x), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
      assertTrue(r.detail().contains("example 7 feature 2 is NaN"), r.line());
      assertEquals(Status.PASS, run(new FiniteValuesCheck(), healthy()).status());
    }

    @Test
    @DisplayName("split leak fails when validation examples are copies of training ones")
    void leak() {
      Dataset leaky = IRIS.train().head(10).named("leaky validation");
      CheckResult r = run(new SplitLeakCheck(), subject(experiment(PreflightTest::mlp),
          IRIS.train(), leaky));
      assertEquals(Status.FAIL, r.status(), r.line());
      assertTrue(r.detail().contains("10 of 10 validation examples"), r.line());
      assertEquals(Status.PASS, run(new SplitLeakCheck(), healthy()).status());
    }

    @Test
    @DisplayName("class balance fails when training lacks a class validation has, warns on imbalance, and gives the accuracy to beat")
    void balance() {
      Dataset train = IRIS.train();
      int[] notClass2 = java.util.stream.IntStream.range(0, train.size())
          .filter(i -> train.label(i) != 2).toArray();
      CheckResult missing = run(new ClassBalanceCheck(), subject(experiment(PreflightTest::mlp),
          train.subset("no virginica", notClass2), IRIS.validation()));
      assertEquals(Status.FAIL, missing.status(), missing.line());
      int[] few = java.util.stream.IntStream.range(0, train.size())
          .filter(i -> train.label(i) != 2 || i % 10 == 0).toArray();
      CheckResult skewed = run(new ClassBalanceCheck(), subject(experiment(PreflightTest::mlp),
          train.subset("few virginica", few), IRIS.validation()));
      assertEquals(Status.WARN, skewed.status(), skewed.line());
      CheckResult ok = run(new ClassBalanceCheck(), healthy());
      assertEquals(Status.PASS, ok.status(), ok.line());
      assertTrue(ok.detail().contains("majority-class accuracy on validation 0.3333"), ok.line());
    }

    @Test
    @DisplayName("feature scale warns about constant and unstandardised features")
    void scale() {
      float[] x = IRIS.train().features();
      for (int i = 0; i < IRIS.train().size(); i++) {
        x[i * 4] = 7f;
        x[i * 4 + 1] *= 100f;
      }
      CheckResult r = run(new FeatureScaleCheck(), subject(experiment(PreflightTest::mlp),
          IRIS.train().withFeatures(x), IRIS.validation()));
      assertEquals(Status.WARN, r.status(), r.line());
      assertTrue(r.detail().contains("1 of 4 features are constant in training (0)"), r.line());
      assertTrue(r.detail().contains("feature 1 has mean"), r.line());
      assertEquals(Status.PASS, run(new FeatureScaleCheck(), healthy()).status());
    }
  }

  @Nested
  @DisplayName("model checks")
  class Model {
    @Test
    @DisplayName("initial loss fails when the untrained outputs are scaled up 100 times, far above ln K")
    void initialLoss() {
      CheckResult ok = run(new InitialLossCheck(), healthy());
      assertEquals(Status.PASS, ok.status(), ok.line());
      assertTrue(ok.detail().contains("ln 3 = 1.0986"), ok.line());
      CheckResult r = run(new InitialLossCheck(), subject(experiment(rng -> mlp(rng, new Scale(100))),
          IRIS.train(), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
    }

    @Test
    @DisplayName("batch independence fails on a layer that subtracts the batch mean, and only warns for batch norm in training mode")
    void batchMixing() {
      assertEquals(Status.PASS, run(new BatchIndependenceCheck(), healthy()).status());
      CheckResult r = run(new BatchIndependenceCheck(), subject(experiment(rng -> new Sequential(
          new Linear(4, 16, rng), new SubtractBatchMean(), new ReLU(), new Linear(16, 3, rng))),
          IRIS.train(), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
      CheckResult bn = run(new BatchIndependenceCheck(), subject(experiment(rng -> new Sequential(
          new Linear(4, 16, rng), new BatchNorm1d(16), new ReLU(), new Linear(16, 3, rng))),
          IRIS.train(), IRIS.validation()));
      assertEquals(Status.WARN, bn.status(), bn.line());
    }

    @Test
    @DisplayName("overfit one batch fails when the optimizer cannot move the weights")
    void overfit() {
      CheckResult ok = run(new OverfitOneBatchCheck(), healthy());
      assertEquals(Status.PASS, ok.status(), ok.line());
      Experiment stuck = Experiment.of(PreflightTest::mlp,
          m -> Sgd.builder(m.parameters()).learningRate(1e-9).build(), Loss.softmaxCrossEntropy());
      CheckResult r = run(new OverfitOneBatchCheck(), subject(stuck, IRIS.train(), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
    }

    @Test
    @DisplayName("uses its input fails for a model that ignores its input")
    void ignoresInput() {
      CheckResult ok = run(new UsesInputCheck(), healthy());
      assertEquals(Status.PASS, ok.status(), ok.line());
      CheckResult r = run(new UsesInputCheck(), subject(experiment(rng -> new Sequential(
          new Scale(0), new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng))),
          IRIS.train(), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
    }

    @Test
    @DisplayName("uses its input fails when the labels are shifted by one against their inputs")
    void shiftedLabels() {
      Dataset all = UNIQUE_IRIS;
      int n = all.size();
      int[] shifted = new int[n];
      for (int i = 0; i < n; i++) {
        shifted[i] = all.label((i + 1) % n);
      }
      // iris is sorted by class; shuffle the rows first so that a shift really mismatches them
      int[] order = Rng.seeded(11).permutation(n);
      Dataset shuffled = all.subset("iris shuffled", order);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = shuffled.label((i + 1) % n);
      }
      Dataset bad = Dataset.classification("iris shifted", shuffled.features(), 4, labels,
          all.classNames());
      Split split = Split.random(bad, 0.2, 0, Rng.seeded(5).split("split")).standardized();
      CheckResult r = run(new UsesInputCheck(), subject(experiment(PreflightTest::mlp),
          split.train(), split.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
      assertTrue(Arrays.stream(shifted).sum() > 0);
    }

    @Test
    @DisplayName("checkpoint round-trip fails for a layer that keeps state outside its parameters")
    void hiddenState() {
      CheckResult ok = run(new CheckpointRoundTripCheck(), healthy());
      assertEquals(Status.PASS, ok.status(), ok.line());
      CheckResult r = run(new CheckpointRoundTripCheck(), subject(experiment(rng -> mlp(rng,
          new HiddenState(rng))), IRIS.train(), IRIS.validation()));
      assertEquals(Status.FAIL, r.status(), r.line());
      assertTrue(r.detail().contains("outputs differ"), r.line());
    }
  }

  @Test
  @DisplayName("a check that throws is reported as a failure and the others still run")
  void throwingCheck() {
    PreflightCheck broken = new PreflightCheck() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public CheckResult run(PreflightSubject s) {
        throw new IllegalStateException("boom");
      }
    };
    PreflightReport report = Preflight.of(java.util.List.of(broken, new SplitLeakCheck()))
        .run(healthy());
    assertEquals(Status.FAIL, report.result("broken").status());
    assertTrue(report.result("broken").detail().contains("boom"));
    assertEquals(Status.PASS, report.result(SplitLeakCheck.NAME).status());
    assertFalse(report.passed());
    assertTrue(LeakPolicy.values().length > 0);
  }
}
