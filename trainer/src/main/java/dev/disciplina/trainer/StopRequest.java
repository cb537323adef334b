package dev.disciplina.trainer;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StopPolicy}'s request to end the run.
 *
 * @param reason why, as the history records it
 * @param detail one line for people: what was seen, where
 * @param restore the weights the model should keep, with the epoch they are from; empty to keep
 *     the weights as they are
 */
public record StopRequest(StopReason reason, String detail, Optional<WeightSnapshot> restore) {

  public StopRequest {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(restore, "restore");
  }

  /** A request that keeps the current weights. */
  public static StopRequest of(StopReason reason, String detail) {
    return new StopRequest(reason, detail, Optional.empty());
  }
}
