package dev.disciplina.trainer;

import java.util.Arrays;

/**
 * The running numbers of the epoch in progress: batch losses, optimizer steps, the learning rate
 * each batch used, and the wall time spent so far (also before a resume). Owned by one run.
 */
final class EpochTally {

  private double[] losses;
  private int batches;
  private int steps;
  private double learningRateSum;
  private final double secondsBefore;
  private final long startNanos = System.nanoTime();

  private EpochTally(LoopState.EpochProgress from) {
    this.losses = Arrays.copyOf(from.batchLosses(), Math.max(16, from.batches()));
    this.batches = from.batches();
    this.steps = from.steps();
    this.learningRateSum = from.learningRateSum();
    this.secondsBefore = from.seconds();
  }

  static EpochTally fresh() {
    return new EpochTally(LoopState.EpochProgress.NONE);
  }

  static EpochTally resumed(LoopState.EpochProgress from) {
    return new EpochTally(from);
  }

  void add(double loss, double learningRate, boolean stepped) {
    if (batches == losses.length) {
      losses = Arrays.copyOf(losses, 2 * losses.length);
    }
    losses[batches++] = loss;
    learningRateSum += learningRate;
    if (stepped) {
      steps++;
    }
  }

  int batches() {
    return batches;
  }

  int steps() {
    return steps;
  }

  double lastLoss() {
    return batches == 0 ? Double.NaN : losses[batches - 1];
  }

  double seconds() {
    return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The mean learning rate over the batches. When it is the current rate up to the rounding of
   * the sum (the rate did not change in the epoch), the current rate itself, so a constant rate
   * is reported exactly.
   */
  double learningRate(double current) {
    if (batches == 0) {
      return current;
    }
    double mean = learningRateSum / batches;
    return Math.abs(mean - current) <= 1e-12 * Math.abs(current) ? current : mean;
  }

  double meanLoss() {
    double s = 0;
    for (int i = 0; i < batches; i++) {
      s += losses[i];
    }
    return batches == 0 ? Double.NaN : s / batches;
  }

  double lossStd() {
    double mean = meanLoss();
    if (batches == 0 || !Double.isFinite(mean)) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < batches; i++) {
      double d = losses[i] - mean;
      s += d * d;
    }
    return Math.sqrt(s / batches);
  }

  LoopState.EpochProgress progress() {
    return new LoopState.EpochProgress(batches, steps, Arrays.copyOf(losses, batches),
        learningRateSum, seconds());
  }
}
