package dev.disciplina.trainer;

import dev.disciplina.api.optim.OptimizerState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs to continue exactly where it was, apart from the weights: where the
 * loop is, the optimizer's moments and step counts, each stop policy's memory and the history so
 * far. Random streams are derived from (seed, purpose, epoch, example) and need no saving. Taken
 * at a step boundary (never inside an accumulation group), so no gradient is pending.
 *
 * <p>A value: {@link TrainingContext#loopState()} copies everything it holds.
 *
 * @param epoch the epoch in progress, or the next one to run when {@code progress} is empty
 *     ({@code progress.batches() == 0}); from 1
 * @param iteration the iterations (batches) the run has done
 * @param progress the batches of {@code epoch} already done, with their losses
 * @param optimizer the optimizer's state, step count and learning rate
 * @param policies each stop policy's state, by {@link StopPolicy#name()}
 * @param epochs the history so far
 */
public record LoopState(int epoch, long iteration, EpochProgress progress,
    OptimizerState optimizer, Map<String, PolicyState> policies, List<EpochResult> epochs) {

  public LoopState {
    if (epoch < 1) {
      throw new IllegalArgumentException("loop state: epoch must be at least 1, got " + epoch);
    }
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(optimizer, "optimizer");
    policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    epochs = List.copyOf(epochs);
  }

  /**
   * The part of an epoch that has run.
   *
   * @param batches how many batches of the epoch are done
   * @param steps how many optimizer steps they made
   * @param batchLosses their losses, in order
   * @param learningRateSum the sum over those batches of the learning rate each used
   * @param seconds wall time spent in the epoch so far
   */
  public record EpochProgress(int batches, int steps, double[] batchLosses,
      double learningRateSum, double seconds) {

    /** Nothing of the epoch has run. */
    public static final EpochProgress NONE = new EpochProgress(0, 0, new double[0], 0, 0);

    public EpochProgress {
      if (batchLosses.length != batches) {
        throw new IllegalArgumentException("epoch progress: " + batches + " batches but "
            + batchLosses.length + " losses");
      }
      batchLosses = batchLosses.clone();
    }

    @Override
    public double[] batchLosses() {
      return batchLosses.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EpochProgress p && p.batches == batches && p.steps == steps
          && java.util.Arrays.equals(p.batchLosses, batchLosses)
          && Double.compare(p.learningRateSum, learningRateSum) == 0
          && Double.compare(p.seconds, seconds) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(batches, steps, java.util.Arrays.hashCode(batchLosses),
          learningRateSum, seconds);
    }

    @Override
    public String toString() {
      return "EpochProgress(" + batches + " batches, " + steps + " steps)";
    }
  }
}
