package dev.disciplina.cli;

import com.google.inject.ProvisionException;
import dev.disciplina.api.data.DataLeakException;
import dev.disciplina.api.data.MalformedDataException;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendException;
import dev.disciplina.api.tensor.Backends;
import java.io.IOException;
import java.io.InputStream;
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
    int code = run(args, System.in, new PrintWriter(System.out, true),
        new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, InputStream.nullInputStream(), out, err);
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, reading standard input from {@code in}. */
  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new DisciplinaCommand(in));
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
      if (outOfMemory(t) != null) {
        return outOfMemory(outOfMemory(t), err);
      }
      err.println("disciplina: " + describe(t));
      err.flush();
      return isUserError(t) ? USAGE : 1;
    });
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      // Out of memory where picocli's handler cannot see it (while reporting another error).
      OutOfMemoryError oom = outOfMemory(e);
      if (oom == null) {
        throw e;
      }
      return outOfMemory(oom, err);
    }
  }

  /** The out-of-memory error in {@code t}'s causes, or null. */
  static OutOfMemoryError outOfMemory(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutOfMemoryError oom) {
        return oom;
      }
    }
    return null;
  }

  /** One line saying how to raise the heap; exit code 2. */
  static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
    long max = Runtime.getRuntime().maxMemory();
    String heap = max == Long.MAX_VALUE ? "no limit" : (max >> 20) + " MB";
    long suggested = Math.max(1, (max == Long.MAX_VALUE ? 4L << 30 : 2 * max) >> 30);
    err.println("disciplina: out of memory (" + (e.getMessage() == null ? "heap" : e.getMessage())
        + ", maximum heap " + heap + "): raise it with DISCIPLINA_JAVA_OPTS=-Xmx" + suggested
        + "g, or use less data (--train-limit)");
    err.flush();
    return USAGE;
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
    Throwable cause = t.getCause();
    if (cause instanceof IOException io && !message.contains(ioReason(io))) {
      // Keep the cause: "cannot write the history to h.csv: h.csv: Is a directory".
      message += ": " + ioReason(io);
    }
    message = message.replace('\n', ' ').trim();
    if (isUserError(t)) {
      return message;
    }
    return "internal error: " + t.getClass().getName() + ": " + message;
  }

  /** What went wrong with a file, as the operating system said it ("h.csv: Is a directory"). */
  static String ioReason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f) {
      String what = f.getFile() == null ? "" : f.getFile() + ": ";
      String reason = f.getReason() != null ? f.getReason()
          : f instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
          : f instanceof java.nio.file.AccessDeniedException ? "Permission denied"
          : f instanceof java.nio.file.FileAlreadyExistsException ? "File exists"
          : f instanceof java.nio.file.NotDirectoryException ? "Not a directory"
          : f instanceof java.nio.file.DirectoryNotEmptyException ? "Directory not empty"
          : f.getClass().getSimpleName();
      return what + reason;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The backend named {@code name}, or the best available when it is null. */
  static Backend backend(String name) {
    return name == null ? Backends.best() : Backends.named(name);
  }
}
