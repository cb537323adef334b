package dev.disciplina.trainer;

import java.util.Map;
import java.util.Optional;

/**
 * The NaN/Inf guard, always on: stops the run at the first non-finite batch loss, or after an
 * epoch whose validation (or training-subset) loss is not finite, and keeps weights whose
 * validation loss is finite — the current ones when they pass that test, else those of the last
 * epoch that did (the initial weights before the first). It keeps one snapshot, of the last
 * sound epoch.
 */
public final class DivergenceGuard implements StopPolicy {

  private WeightSnapshot lastSound;

  @Override
  public String name() {
    return "divergence-guard";
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    lastSound = context.snapshot();
  }

  @Override
  public Optional<StopRequest> afterBatch(TrainingContext context, BatchResult batch) {
    if (Double.isFinite(batch.loss())) {
      return Optional.empty();
    }
    String seen = "the training loss became " + batch.loss() + " at batch " + (batch.batch() + 1)
        + " of epoch " + batch.epoch();
    if (Double.isFinite(context.evaluateValidation().loss())) {
      return Optional.of(StopRequest.of(StopReason.DIVERGED, seen + "; kept the weights after "
          + "batch " + batch.batch() + " of epoch " + batch.epoch()
          + " (their validation loss is finite)"));
    }
    return Optional.of(rollBack(seen));
  }

  @Override
  public Optional<StopRequest> afterEpoch(TrainingContext context, EpochResult epoch) {
    if (!Double.isFinite(epoch.trainLoss())) {
      return Optional.empty(); // stopped at the batch; the request was made there
    }
    boolean trainEvalSound = Double.isNaN(epoch.trainEvalLoss())
        || Double.isFinite(epoch.trainEvalLoss());
    if (Double.isFinite(epoch.validationLoss()) && trainEvalSound) {
      lastSound = context.snapshot();
      return Optional.empty();
    }
    return Optional.of(rollBack("the validation loss became " + epoch.validationLoss()
        + " after epoch " + epoch.epoch()));
  }

  private StopRequest rollBack(String seen) {
    return new StopRequest(StopReason.DIVERGED, seen + "; kept the weights of "
        + lastSound.describe() + (lastSound.epoch() == 0 ? " (the initial weights)" : ""),
        Optional.of(lastSound));
  }

  @Override
  public PolicyState saveState() {
    return lastSound == null ? PolicyState.EMPTY
        : new PolicyState(Map.of(), Map.of("last_sound", lastSound));
  }

  @Override
  public void loadState(PolicyState state) {
    lastSound = state.snapshot("last_sound").orElse(null);
  }
}
