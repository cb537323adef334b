package dev.disciplina.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error, where the progress bar is drawn, is a terminal. Java has no isatty, so
 * the launcher says it ({@code -Ddisciplina.stderr.terminal=true|false}, from {@code [ -t 2 ]});
 * without it, Linux's {@code /proc/self/fd/2} tells whether stderr is a terminal device.
 */
final class Terminal {

  /** The system property the launcher sets. */
  static final String PROPERTY = "disciplina.stderr.terminal";

  private Terminal() {}

  /** True when stderr is a terminal. */
  static boolean stderrIsTerminal() {
    String link;
    try {
      link = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      link = null;
    }
    return decide(System.getProperty(PROPERTY), link);
  }

  /**
   * The decision: the launcher's word when given, else whether stderr's file is a terminal
   * device ({@code /dev/pts/N}, {@code /dev/ttyN}), else false.
   */
  static boolean decide(String property, String stderrLink) {
    if (property != null && !property.isBlank()) {
      return Boolean.parseBoolean(property.trim());
    }
    return stderrLink != null
        && (stderrLink.startsWith("/dev/pts/") || stderrLink.startsWith("/dev/tty"));
  }
}
