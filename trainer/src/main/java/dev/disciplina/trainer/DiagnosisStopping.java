package dev.disciplina.trainer;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.OnlineDiagnostician;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Diagnosis-driven stopping: diagnoses the curves after every epoch and stops once the
 * diagnostics module confirms overfitting or divergence ({@link
 * OnlineDiagnostician#shouldStop()}), restoring the weights of the epoch it names ({@link
 * OnlineDiagnostician#epochToRestore()}). It keeps a snapshot of the epoch of best validation
 * loss, the one that epoch is.
 *
 * <p>The diagnostician's memory is the history itself: on resume it is rebuilt from the epochs
 * recorded so far, so only the snapshot is saved.
 */
public final class DiagnosisStopping implements StopPolicy {

  private OnlineDiagnostician diagnostician;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private WeightSnapshot best;

  @Override
  public String name() {
    return "diagnosis";
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    diagnostician = null;
    bestLoss = Double.POSITIVE_INFINITY;
    best = null;
  }

  @Override
  public Optional<StopRequest> afterEpoch(TrainingContext context, EpochResult epoch) {
    if (diagnostician == null) {
      diagnostician = Curves.onlineDiagnostician(context.loss(), context.train());
      for (EpochResult earlier : context.epochs()) {
        if (earlier.epoch() < epoch.epoch()) {
          diagnostician.add(earlier.toDiagnostics());
        }
      }
    }
    if (epoch.validationLoss() < bestLoss) {
      bestLoss = epoch.validationLoss();
      best = context.snapshot();
    }
    Diagnosis d = diagnostician.add(epoch.toDiagnostics());
    if (!diagnostician.shouldStop()) {
      return Optional.empty();
    }
    OptionalInt restore = diagnostician.epochToRestore();
    Optional<WeightSnapshot> weights = Optional.ofNullable(best)
        .filter(b -> restore.isPresent() && b.epoch() == restore.getAsInt());
    return Optional.of(new StopRequest(StopReason.DIAGNOSED, "the online diagnosis confirmed "
        + d.verdict() + " after epoch " + epoch.epoch()
        + weights.map(w -> "; restored the weights of " + w.describe()).orElse(""), weights));
  }

  @Override
  public PolicyState saveState() {
    return best == null ? PolicyState.EMPTY
        : new PolicyState(Map.of("best_loss", bestLoss), Map.of("best", best));
  }

  @Override
  public void loadState(PolicyState state) {
    diagnostician = null;
    bestLoss = state.number("best_loss", Double.POSITIVE_INFINITY);
    best = state.snapshot("best").orElse(null);
  }
}
