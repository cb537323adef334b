package dev.disciplina.benchmarks;

/**
 * Adds up the wall time of the measured epochs: epochs up to {@code warmupEpochs} are not
 * counted. Used by one thread.
 */
final class EpochClock {

  private final int warmupEpochs;
  private final long examplesPerEpoch;
  private long nanos;
  private long examples;

  EpochClock(int warmupEpochs, long examplesPerEpoch) {
    this.warmupEpochs = warmupEpochs;
    this.examplesPerEpoch = examplesPerEpoch;
  }

  /** Records epoch {@code epoch} (counted from 1), which took {@code elapsedNanos}. */
  void add(int epoch, long elapsedNanos) {
    if (epoch > warmupEpochs) {
      nanos += elapsedNanos;
      examples += examplesPerEpoch;
    }
  }

  double examplesPerSecond() {
    if (nanos == 0) {
      throw new IllegalStateException("no measured epoch was recorded");
    }
    return examples / (nanos / 1e9);
  }
}
