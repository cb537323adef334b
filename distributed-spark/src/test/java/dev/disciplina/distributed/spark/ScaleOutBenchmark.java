package dev.disciplina.distributed.spark;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Sgd;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.TrainingConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The scale-out figures of the README, run only when asked (on a quiet machine):
 *
 * <pre>mvn -o -q -pl distributed-spark -am test-compile exec:exec@bench</pre>
 *
 * <p>1. The mesh all-reduce per step on loopback, 2 ranks as threads, at 200k and 2M floats.
 * 2. Weak scaling: examples per second training the MLP 784-256-128-10 on Fashion-MNIST (the
 * digits if it is not installed) with 128 examples per worker per step, on local[1] with one
 * worker and local[2] with two.
 */
public final class ScaleOutBenchmark {

  private ScaleOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    for (int size : new int[] {200_000, 2_000_000}) {
      allReduce(2, size, size < 1_000_000 ? 300 : 60);
    }
    Dataset train = FashionMnist.isInstalled()
        ? FashionMnist.train(FashionMnist.DEBIAN_DIRECTORY).head(12_800)
        : EmbeddedDatasets.digits();
    Dataset validation = train.head(1000).named("validation");
    double one = throughput(1, train, validation);
    double two = throughput(2, train, validation);
    System.out.printf(Locale.ROOT, "weak scaling: %.0f examples/s with 1 worker, %.0f with 2: "
        + "efficiency %.2f%n", one, two, two / (2 * one));
  }

  private static void allReduce(int ranks, int size, int rounds) throws Exception {
    List<double[]> times = LoopbackGroup.run(ranks, 60_000, LoopbackGroup.sameHash(ranks), c -> {
      float[] v = new float[size];
      Arrays.fill(v, 1f + c.rank());
      double[] ms = new double[rounds];
      for (int i = -20; i < rounds; i++) {
        long t0 = System.nanoTime();
        c.allReduceSum(v);
        if (i >= 0) {
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.fill(v, 1f + c.rank());
      }
      return ms;
    });
    double[] ms = times.get(0);
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "all-reduce of %,d floats over %d ranks on loopback: mean %.2f"
        + " ms, p50 %.2f, p90 %.2f (%d rounds)%n", size, ranks, Arrays.stream(ms).average()
        .orElse(Double.NaN), ms[ms.length / 2], ms[ms.length * 9 / 10], rounds);
  }

  /** A job with 128 examples per worker per step. */
  record MlpJob(int features, int classes, int workers) implements TrainingJob {
    private static final long serialVersionUID = 1L;

    @Override
    public Experiment experiment() {
      return Experiment.of(rng -> new Sequential(new Linear(features, 256, rng), new ReLU(),
              new Linear(256, 128, rng), new ReLU(), new Linear(128, classes, rng)),
          m -> Sgd.builder(m.parameters()).learningRate(0.05).momentum(0.9).build(),
          Loss.softmaxCrossEntropy());
    }

    @Override
    public TrainingConfig config() {
      return TrainingConfig.builder().epochs(2).batchSize(128 * workers).seed(1).dropLast(true)
          .trainEvalSize(0).build();
    }

    @Override
    public String backend() {
      return "cpu";
    }
  }

  private static double throughput(int workers, Dataset train, Dataset validation) {
    JavaSparkContext spark = SparkEquivalenceKit.localSpark(workers);
    spark.setLogLevel("WARN");
    try {
      MlpJob job = new MlpJob(train.featureCount(), train.classCount(), workers);
      SparkTrainer trainer = SparkTrainer.builder(spark).workers(workers).segmentEpochs(2).build();
      long t0 = System.nanoTime();
      SparkRun run = trainer.fit(job, train, validation);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long examples = run.history().iterations() * 128L * workers;
      double rate = examples / seconds;
      System.out.printf(Locale.ROOT, "%d worker(s): %,d examples in %.1f s (rendezvous and "
          + "validation included): %.0f examples/s%n", workers, examples, seconds, rate);
      return rate;
    } finally {
      spark.stop();
    }
  }
}
