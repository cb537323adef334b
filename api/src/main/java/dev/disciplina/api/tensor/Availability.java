package dev.disciplina.api.tensor;

import java.util.Objects;

/**
 * Whether a backend can run here, with a one-line detail: its engine and version when available,
 * the reason when not.
 */
public record Availability(boolean available, String detail) {

  public Availability {
    Objects.requireNonNull(detail, "detail");
  }

  public static Availability available(String detail) {
    return new Availability(true, detail);
  }

  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }

  /** Unavailable because of {@code failure}, with its class and message (and its cause's). */
  public static Availability unavailable(Throwable failure) {
    StringBuilder why = new StringBuilder();
    for (Throwable t = failure; t != null && why.length() < 400; t = t.getCause()) {
      if (why.length() > 0) {
        why.append(" <- ");
      }
      why.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        why.append(": ").append(t.getMessage().replace('\n', ' '));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return new Availability(false, why.toString());
  }
}
