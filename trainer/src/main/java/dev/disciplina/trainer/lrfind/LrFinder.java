package dev.disciplina.trainer.lrfind;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.Evaluator;
import dev.disciplina.trainer.Experiment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * fastai's learning-rate finder: one optimizer step per batch while the rate grows exponentially
 * from {@code startLr} to {@code endLr} over {@code iterations} steps; the losses are smoothed by
 * a debiased exponential moving average ({@code beta} 0.98); the sweep stops early when the
 * smoothed loss passes {@code divergence} (4) times its best, or a loss is not finite. Then
 * {@link LrSuggestion#of} picks the steepest descent inside the valley, or says there is none.
 *
 * <p><b>Nothing of the user's is touched:</b> the sweep builds its own model and optimizer from
 * the experiment and the seed (the initial weights the run would start from) in a scope of its
 * own, and closes it. The same seed gives the same sweep. The sweep is a loop of its own rather
 * than a {@link dev.disciplina.trainer.Trainer} run because it changes the learning rate every
 * step and has no validation.
 *
 * <p>Immutable; {@link #sweep} runs on the calling thread.
 */
public final class LrFinder {

  private final double startLr;
  private final double endLr;
  private final int iterations;
  private final double beta;
  private final double divergence;

  private LrFinder(Builder b) {
    this.startLr = b.startLr;
    this.endLr = b.endLr;
    this.iterations = b.iterations;
    this.beta = b.beta;
    this.divergence = b.divergence;
  }

  /** fastai's defaults: 1e-7 to 10 over 100 iterations, beta 0.98, stop at 4 times the best. */
  public static Builder builder() {
    return new Builder();
  }

  public double startLr() {
    return startLr;
  }

  public double endLr() {
    return endLr;
  }

  public int iterations() {
    return iterations;
  }

  /** The rate of iteration {@code i}: {@code start * (end / start) ^ (i / (iterations - 1))}. */
  public double rate(int i) {
    return startLr * Math.pow(endLr / startLr, i / (double) (iterations - 1));
  }

  /**
   * Sweeps {@code experiment} on {@code train} in shuffled batches of {@code batchSize} (drawn by
   * {@code seed}, cycling through epochs when the data runs out), on {@code backend}.
   */
  public LrSweep sweep(Experiment experiment, Dataset train, long seed, int batchSize,
      Backend backend) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("lr-find: batch size must be at least 1, got " + batchSize);
    }
    if (train.isEmpty()) {
      throw new IllegalArgumentException("lr-find: the training data '" + train.name() + "' is empty");
    }
    List<LrPoint> points = new ArrayList<>();
    String stop = String.format(Locale.ROOT, "all %d iterations ran (lr %.0e to %.0e)",
        iterations, startLr, endLr);
    try (Scope modelScope = Scope.open(backend)) {
      Module model = experiment.model(Rng.seeded(seed).split("model"));
      Optimizer optimizer = experiment.optimizer(model);
      Loss loss = experiment.loss();
      TargetEncoding encoding = Evaluator.encodingFor(loss, train);
      Batches batches = new Batches(train, new Batching(batchSize, true, false),
          Rng.seeded(seed).split("lr-find"));
      model.train();
      double average = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < iterations; i++) {
        double lr = rate(i);
        optimizer.setLearningRate(lr);
        double value = step(model, optimizer, loss, encoding, batches.next(), backend);
        average = beta * average + (1 - beta) * value;
        double smoothed = average / (1 - Math.pow(beta, i + 1));
        points.add(new LrPoint(i, lr, value, smoothed));
        if (!Double.isFinite(value)) {
          stop = String.format(Locale.ROOT, "the loss became %s at lr %.2e (iteration %d)",
              value, lr, i + 1);
          break;
        }
        best = Math.min(best, smoothed);
        if (smoothed > divergence * best) {
          stop = String.format(Locale.ROOT, "the smoothed loss %.4g passed %.0f times its best "
              + "%.4g at lr %.2e (iteration %d)", smoothed, divergence, best, lr, i + 1);
          break;
        }
      }
    }
    return new LrSweep(points, stop, LrSuggestion.of(finite(points)));
  }

  /** One step in its own scope; returns the batch's loss (no step when it is not finite). */
  private static double step(Module model, Optimizer optimizer, Loss loss,
      TargetEncoding encoding, Batch batch, Backend backend) {
    try (Scope iteration = Scope.open(backend)) {
      optimizer.zeroGrad();
      Variable out = model.forward(batch.inputs());
      Variable l = loss.apply(out, batch.targets(encoding));
      double value = l.value().item();
      if (Double.isFinite(value)) {
        l.backward();
        optimizer.step();
      }
      return value;
    }
  }

  private static List<LrPoint> finite(List<LrPoint> points) {
    return points.stream().filter(p -> Double.isFinite(p.smoothedLoss())).toList();
  }

  /** The batches of successive shuffled epochs. */
  private static final class Batches {
    private final Dataset data;
    private final Batching batching;
    private final Rng rng;
    private int epoch;
    private Iterator<Batch> current;

    Batches(Dataset data, Batching batching, Rng rng) {
      this.data = data;
      this.batching = batching;
      this.rng = rng;
    }

    Batch next() {
      if (current == null || !current.hasNext()) {
        epoch++;
        current = batching.epoch(data, rng.split("epoch " + epoch)).iterator();
      }
      return current.next();
    }
  }

  /** The sweep's settings. */
  public static final class Builder {
    private double startLr = 1e-7;
    private double endLr = 10;
    private int iterations = 100;
    private double beta = 0.98;
    private double divergence = 4;

    private Builder() {}

    public Builder startLr(double startLr) {
      this.startLr = startLr;
      return this;
    }

    public Builder endLr(double endLr) {
      this.endLr = endLr;
      return this;
    }

    public Builder iterations(int iterations) {
      this.iterations = iterations;
      return this;
    }

    /** The smoothing factor of the moving average, in [0, 1). */
    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    /** Stop when the smoothed loss passes this many times its best. */
    public Builder divergence(double divergence) {
      this.divergence = divergence;
      return this;
    }

    public LrFinder build() {
      if (!(startLr > 0) || !(endLr > startLr) || Double.isInfinite(endLr)) {
        throw new IllegalArgumentException("lr-find: needs 0 < start < end, got start " + startLr
            + " and end " + endLr);
      }
      if (iterations < 2) {
        throw new IllegalArgumentException("lr-find: needs at least 2 iterations, got " + iterations);
      }
      if (!(beta >= 0 && beta < 1)) {
        throw new IllegalArgumentException("lr-find: beta must be in [0, 1), got " + beta);
      }
      if (!(divergence > 1)) {
        throw new IllegalArgumentException("lr-find: the divergence factor must be > 1, got " + divergence);
      }
      return new LrFinder(this);
    }
  }
}
