package dev.disciplina.api.tensor;

/** No backend, an unknown or unavailable one, or two with one name. The message lists what was found. */
public class BackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendException(String message) {
    super(message);
  }

  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
