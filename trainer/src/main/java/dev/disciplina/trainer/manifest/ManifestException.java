package dev.disciplina.trainer.manifest;

import java.io.IOException;

/** A {@code run.json} that cannot be read: the message names the file and the problem. */
public final class ManifestException extends IOException {

  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
