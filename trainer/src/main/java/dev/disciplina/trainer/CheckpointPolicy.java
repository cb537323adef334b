package dev.disciplina.trainer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * When and where a run writes checkpoints: into {@code directory}, after every epoch, and also
 * every {@code everySteps} optimizer steps when that is above 0; keeping the {@code keepLast}
 * newest plus the one with the best validation loss (0 keeps all).
 *
 * @param directory the directory holding one sub-directory per checkpoint
 * @param everySteps optimizer steps between checkpoints inside an epoch, 0 for epoch ends only
 * @param keepLast how many of the newest checkpoints to keep besides the best; 0 keeps all
 */
public record CheckpointPolicy(Path directory, int everySteps, int keepLast) {

  public CheckpointPolicy {
    Objects.requireNonNull(directory, "directory");
    if (everySteps < 0) {
      throw new IllegalArgumentException("checkpoint every steps must be >= 0, got " + everySteps);
    }
    if (keepLast < 0) {
      throw new IllegalArgumentException("keep-last must be >= 0, got " + keepLast);
    }
  }

  /** A checkpoint after every epoch into {@code directory}, all kept. */
  public static CheckpointPolicy everyEpoch(Path directory) {
    return new CheckpointPolicy(directory, 0, 0);
  }
}
