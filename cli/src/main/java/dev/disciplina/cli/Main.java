package dev.disciplina.cli;

import com.google.inject.ProvisionException;
import dev.disciplina.api.data.DataLeakException;
import dev.disciplina.api.data.MalformedDataException;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendException;
import dev.disciplina.api.tensor.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The entry point of the {@code disciplina} command. Usage errors, unknown datasets or backends
 * and unreadable files end with one line on stderr and exit code 2, never a stack trace.
 */
public final class Main {

  /** Exit code for usage and input errors. */
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new DisciplinaCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("disciplina: " + e.getMessage().replace('\n', ' ').trim()
          + " (see 'disciplina " + commandName(e.getCommandLine()) + "--help')");
      err.flush();
      return USAGE;
    });
    cl.setExecutionExceptionHandler((e, command, parsed) -> {
      Throwable t = e instanceof ProvisionException && e.getCause() != null ? e.getCause() : e;
      err.println("disciplina: " + describe(t));
      err.flush();
      return isUserError(t) ? USAGE : 1;
    });
    return cl.execute(args);
  }

  private static String commandName(CommandLine cl) {
    return cl.getParent() == null ? "" : cl.getCommandName() + " ";
  }

  static boolean isUserError(Throwable t) {
    return t instanceof UsageException || t instanceof BackendException
        || t instanceof MalformedDataException || t instanceof DataLeakException
        || t instanceof IOException || t instanceof UncheckedIOException
        || t instanceof IllegalArgumentException;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    message = message.replace('\n', ' ').trim();
    if (isUserError(t)) {
      return message;
    }
    return "internal error: " + t.getClass().getName() + ": " + message;
  }

  /** The backend named {@code name}, or the best available when it is null. */
  static Backend backend(String name) {
    return name == null ? Backends.best() : Backends.named(name);
  }
}
