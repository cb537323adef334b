package dev.disciplina.trainer;

import java.util.Optional;

/**
 * A rule with the authority to end a run: consulted after every batch and after every epoch, it
 * may ask to stop and name the weights the model should keep. Patience early stopping ({@link
 * PatienceStopping}), the NaN/Inf guard ({@link DivergenceGuard}), diagnosis-driven stopping
 * ({@link DiagnosisStopping}) and a time budget ({@link TimeBudget}) are the four the trainer
 * ships.
 *
 * <p><b>Order.</b> The trainer asks its policies in a fixed order — the divergence guard first,
 * then the configured early stopping, then those given to the {@link Trainer}, in order — and the
 * first request wins. A request is honoured at the next batch boundary: the batch in flight
 * finishes (its step included); an epoch-end request ends the run before the next epoch.
 *
 * <p><b>State.</b> What a policy remembers (best loss, epochs since best, a weights snapshot,
 * time used) is saved in checkpoints through {@link #saveState()} and given back by {@link
 * #loadState(PolicyState)} before a resumed run continues, so that it decides as if never
 * interrupted. A policy takes a weights snapshot ({@link TrainingContext#snapshot()}) only when
 * it needs one.
 *
 * <p><b>Lifecycle and threading.</b> One instance per run, called on the trainer's thread;
 * {@link #onTrainStart(TrainingContext)} resets it. A policy observes the model but never
 * changes it: the trainer restores the weights a request names.
 */
public interface StopPolicy {

  /** A stable name: the key of this policy's state in a checkpoint. */
  String name();

  /** Before the first epoch of a fresh run (not called when a run resumes). */
  default void onTrainStart(TrainingContext context) {}

  /** After each batch (and its optimizer step, when it closes a group). */
  default Optional<StopRequest> afterBatch(TrainingContext context, BatchResult batch) {
    return Optional.empty();
  }

  /** After each epoch is recorded (validation included). */
  default Optional<StopRequest> afterEpoch(TrainingContext context, EpochResult epoch) {
    return Optional.empty();
  }

  /**
   * The weights the model should hold when the run ends, however it ends (Keras restores the
   * best weights in {@code on_train_end}); empty to leave them as they are. Asked after the run's
   * stop request, if any, was applied.
   */
  default Optional<WeightSnapshot> finalWeights(TrainingContext context) {
    return Optional.empty();
  }

  /** What this policy remembers, for a checkpoint. */
  default PolicyState saveState() {
    return PolicyState.EMPTY;
  }

  /** Restores what {@link #saveState()} returned, before a resumed run continues. */
  default void loadState(PolicyState state) {}
}
