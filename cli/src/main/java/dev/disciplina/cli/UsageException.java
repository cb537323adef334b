package dev.disciplina.cli;

/**
 * A mistake in what the user asked for — an unknown dataset, a malformed model spec, an
 * unreadable file — reported as one line on stderr with exit code 2, never a stack trace.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
