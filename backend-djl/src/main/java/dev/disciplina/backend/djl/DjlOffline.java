package dev.disciplina.backend.djl;

/** Puts DJL in offline mode before any DJL class is touched. Refers to no DJL type. */
final class DjlOffline {

  /** DJL's switch; the environment variable {@code DJL_OFFLINE} takes precedence in DJL. */
  static final String PROPERTY = "ai.djl.offline";

  private DjlOffline() {}

  /** Sets {@value #PROPERTY} to {@code true} unless the user has set it. */
  static void apply() {
    synchronized (DjlOffline.class) {
      if (System.getProperty(PROPERTY) == null) {
        System.setProperty(PROPERTY, "true");
      }
    }
  }
}
