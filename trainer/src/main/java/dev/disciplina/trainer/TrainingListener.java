package dev.disciplina.trainer;

import dev.disciplina.api.data.Batch;

/**
 * Hooks at the boundaries of the loop: run, epoch, batch and validation. Every method has an
 * empty default; implement what you need.
 *
 * <p><b>Threading and order.</b> The trainer calls listeners on its own thread, in registration
 * order, synchronously: a slow listener slows training. An exception from a listener ends the
 * run and propagates from {@link Trainer#fit}.
 *
 * <p><b>Discipline.</b> Listeners observe; they must not change the model's parameters or mode
 * (a listener that does breaks the guarantees the trainer's tests hold). To end a run, call
 * {@link TrainingContext#requestStop(String)}; the trainer stops at the next batch boundary. What
 * may change gradients is a {@link GradientHook}; what decides to stop and which weights to keep
 * is a {@link StopPolicy}.
 */
public interface TrainingListener {

  /** Before the first epoch; the model is built and its initial weights set. */
  default void onTrainStart(TrainingContext context) {}

  /** Before an epoch's first batch; the learning rate of the epoch is set. */
  default void onEpochStart(TrainingContext context, int epoch) {}

  /** Before a batch's forward pass, in training mode. */
  default void onBatchStart(TrainingContext context, Batch batch) {}

  /** After a batch's backward pass and, when it closes its group, the optimizer step. */
  default void onBatchEnd(TrainingContext context, BatchResult result) {}

  /** After the epoch's last batch, in evaluation mode, before any evaluation. */
  default void onValidationStart(TrainingContext context, int epoch) {}

  /** After validation, with its result; the parameters are as training left them. */
  default void onValidationEnd(TrainingContext context, Evaluation validation) {}

  /** After an epoch is recorded in the history. */
  default void onEpochEnd(TrainingContext context, EpochResult epoch) {}

  /** After the run, with its history; the model still exists (its scope is open). */
  default void onTrainEnd(TrainingContext context, History history) {}
}
