package dev.disciplina.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Early stopping by patience ({@link EarlyStopping}): stop when the validation loss has not
 * improved by more than the minimum delta for {@code patience} epochs in a row, and — when asked
 * to restore the best weights — keep a snapshot of the best epoch and end every run with it.
 * Snapshots are taken only when restoring is asked for.
 */
public final class PatienceStopping implements StopPolicy {

  private final EarlyStopping settings;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int sinceBest;
  private WeightSnapshot best;

  public PatienceStopping(EarlyStopping settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "early-stopping";
  }

  @Override
  public Optional<StopRequest> afterEpoch(TrainingContext context, EpochResult epoch) {
    if (epoch.validationLoss() < bestLoss - settings.minDelta()) {
      bestLoss = epoch.validationLoss();
      bestEpoch = epoch.epoch();
      sinceBest = 0;
      if (settings.restoreBestWeights()) {
        best = context.snapshot();
      }
    } else {
      sinceBest++;
    }
    if (sinceBest < settings.patience()) {
      return Optional.empty();
    }
    return Optional.of(StopRequest.of(StopReason.EARLY_STOPPED,
        "validation loss did not improve by more than " + settings.minDelta() + " for "
            + settings.patience() + " epochs after epoch " + bestEpoch));
  }

  @Override
  public Optional<WeightSnapshot> finalWeights(TrainingContext context) {
    return Optional.ofNullable(best);
  }

  @Override
  public PolicyState saveState() {
    Map<String, Double> numbers = new LinkedHashMap<>();
    numbers.put("best_loss", bestLoss);
    numbers.put("best_epoch", (double) bestEpoch);
    numbers.put("epochs_since_best", (double) sinceBest);
    return new PolicyState(numbers, best == null ? Map.of() : Map.of("best", best));
  }

  @Override
  public void loadState(PolicyState state) {
    bestLoss = state.number("best_loss", Double.POSITIVE_INFINITY);
    bestEpoch = (int) state.number("best_epoch", 0);
    sinceBest = (int) state.number("epochs_since_best", 0);
    best = state.snapshot("best").orElse(null);
  }
}
