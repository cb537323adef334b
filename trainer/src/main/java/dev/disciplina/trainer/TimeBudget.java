package dev.disciplina.trainer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Stops the run once its training time exceeds a budget ({@code --max-time}), at the next batch
 * boundary. The time used is saved in checkpoints, so a resumed run spends only what is left.
 * Wall time is the one input that makes a run's length vary between runs.
 */
public final class TimeBudget implements StopPolicy {

  private final Duration budget;
  private double usedBefore;
  private long startNanos;

  public TimeBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("time budget must be positive, got " + budget);
    }
    this.budget = budget;
    this.startNanos = System.nanoTime();
  }

  @Override
  public String name() {
    return "time-budget";
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    usedBefore = 0;
    startNanos = System.nanoTime();
  }

  private double usedSeconds() {
    return usedBefore + (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public Optional<StopRequest> afterBatch(TrainingContext context, BatchResult batch) {
    double used = usedSeconds();
    if (used <= budget.toNanos() / 1e9) {
      return Optional.empty();
    }
    return Optional.of(StopRequest.of(StopReason.OUT_OF_TIME, String.format(
        java.util.Locale.ROOT, "the time budget of %s ran out after %.1f s, at batch %d of epoch %d",
        budget, used, batch.batch() + 1, batch.epoch())));
  }

  @Override
  public PolicyState saveState() {
    return new PolicyState(Map.of("seconds_used", usedSeconds()), Map.of());
  }

  @Override
  public void loadState(PolicyState state) {
    usedBefore = state.number("seconds_used", 0);
    startNanos = System.nanoTime();
  }
}
