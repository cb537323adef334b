package dev.disciplina.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the standard streams are an interactive terminal. */
final class Terminal {

  private Terminal() {}

  /**
   * True when a console is attached and, on Java 22 and later (where {@link System#console()}
   * returns a console even when redirected), it says it is a terminal.
   */
  static boolean isInteractive() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
