package dev.disciplina.trainer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint that cannot be read or does not fit the run: a missing or corrupt file, a state
 * that contradicts itself, a configuration the resumed run would change. The message is one line
 * naming the file and the problem.
 */
public final class CheckpointException extends IOException {

  private static final long serialVersionUID = 1L;

  public CheckpointException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
