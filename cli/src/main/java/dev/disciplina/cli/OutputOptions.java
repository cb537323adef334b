package dev.disciplina.cli;

import dev.disciplina.trainer.HistoryCsv;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --overwrite}, and the check every output path of a command gets before any slow work: it
 * is not a directory, its directory can be written, an existing file is replaced only with {@code
 * --overwrite}, and temporary files a killed run left beside it are removed. A picocli mixin.
 */
final class OutputOptions {

  @Option(names = "--overwrite", description = "Replace output files that already exist "
      + "(--history); without it an existing file is an error.")
  boolean overwrite;

  /**
   * Checks {@code file}, given with {@code option}; a problem is a {@link UsageException} that
   * keeps the operating system's reason. Creates missing parent directories.
   */
  void check(String option, Path file) {
    String what = option + " " + file;
    Path target;
    try {
      target = HistoryCsv.resolveLinks(file.toAbsolutePath());
    } catch (IOException e) {
      throw new UsageException(what + ": " + Main.ioReason(e), e);
    }
    if (Files.isDirectory(target)) {
      throw new UsageException(what + ": Is a directory");
    }
    if (Files.exists(target) && !overwrite) {
      throw new UsageException(what + ": the file exists; add --overwrite to replace it");
    }
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, HistoryCsv.temporaryPrefix(target), ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UsageException(what + ": cannot write in " + dir + ": " + Main.ioReason(e), e);
    }
    removeStaleTemporaries(target);
  }

  /** Deletes {@code .NAME*.tmp} beside {@code target}: what a run killed while writing left. */
  static int removeStaleTemporaries(Path target) {
    int removed = 0;
    String glob = HistoryCsv.temporaryPrefix(target).replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1")
        + "*.tmp";
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(target.getParent(), glob)) {
      for (Path p : stale) {
        if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    } catch (IOException e) {
      // A temporary file that cannot be removed does no harm; the write itself will tell.
    }
    return removed;
  }
}
