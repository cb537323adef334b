package dev.disciplina.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An observer that writes a checkpoint ({@link Checkpoints}) after every epoch and, with {@link
 * CheckpointPolicy#everySteps()}, every so many optimizer steps inside an epoch, then prunes the
 * old ones. A batch or epoch with a non-finite loss is not saved (the divergence guard is ending
 * that run). A failed write ends the run with the I/O error: training on without the checkpoints
 * the user asked for would lose work silently.
 *
 * <p>One instance per run, on the trainer's thread.
 */
public final class CheckpointListener implements TrainingListener {

  private final CheckpointPolicy policy;
  private final Map<String, String> run;
  private Path last;

  /** Writes by {@code policy}; {@code run} (free-form strings) goes into every {@code state.json}. */
  public CheckpointListener(CheckpointPolicy policy, Map<String, String> run) {
    this.policy = policy;
    this.run = Map.copyOf(run);
  }

  @Override
  public void onBatchEnd(TrainingContext context, BatchResult result) {
    if (policy.everySteps() > 0 && context.atStepBoundary() && Double.isFinite(result.loss())
        && context.optimizer().steps() % policy.everySteps() == 0) {
      save(context);
    }
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult epoch) {
    if (epoch.isFinite()) {
      save(context);
    }
  }

  private void save(TrainingContext context) {
    try {
      last = Checkpoints.write(policy.directory(), context.model(), context.optimizer(),
          context.loopState(), Checkpoint.describe(context.config(), context.train(),
              context.validation()), run);
      Checkpoints.prune(policy.directory(), policy.keepLast());
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint into " + policy.directory() + " failed: "
          + e.getMessage(), e);
    }
  }

  /** The last checkpoint written, if any. */
  public Optional<Path> last() {
    return Optional.ofNullable(last);
  }
}
