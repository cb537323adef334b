package dev.disciplina.trainer;

/** Why a training run ended. */
public enum StopReason {
  /** Every configured epoch ran. */
  COMPLETED,
  /** Validation loss stopped improving for the configured patience. */
  EARLY_STOPPED,
  /** A loss became NaN or infinite; the run kept the last finite weights. */
  DIVERGED,
  /** A listener asked to stop ({@link TrainingContext#requestStop(String)}). */
  STOPPED_BY_LISTENER,
  /** The online diagnosis confirmed overfitting or divergence ({@link DiagnosisStopping}). */
  DIAGNOSED,
  /** The time budget ran out ({@link TimeBudget}). */
  OUT_OF_TIME
}
