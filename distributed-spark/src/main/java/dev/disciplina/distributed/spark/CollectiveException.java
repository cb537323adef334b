package dev.disciplina.distributed.spark;

/**
 * A collective operation failed for the whole group: a peer did not answer within the read
 * timeout, closed its connection, sent a message out of step, or has a different parameter
 * layout. The message names the ranks and what went wrong; the group must not be used again.
 */
public final class CollectiveException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CollectiveException(String message) {
    super(message);
  }

  public CollectiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
