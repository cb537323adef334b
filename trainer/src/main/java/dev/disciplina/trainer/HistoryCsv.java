package dev.disciplina.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a history as CSV, one row per epoch, under the header
 * {@code epoch,train_loss,train_loss_std,train_eval_loss,val_loss,train_M,val_M,...,learning_rate,iterations,seconds}
 * with one {@code train_M,val_M} pair per metric (for classification the default is accuracy
 * alone: {@code train_accuracy,val_accuracy}); {@code train_loss_std} is the standard deviation of
 * the epoch's batch losses. This is the format the diagnostics module reads.
 *
 * <p>Values are written so that they read back exactly ({@link Double#toString(double)});
 * a loss or metric that became NaN or infinite is written {@code nan}, {@code inf} or {@code
 * -inf}, so that a diverged run reads back as diverged; a value not measured is empty. A file is never left half-written: it is written to a temporary
 * file in the same directory and moved over the target atomically.
 */
public final class HistoryCsv {

  private final List<String> metrics;

  /** A writer for {@code metrics} (keys), in that order. */
  public HistoryCsv(List<String> metrics) {
    this.metrics = List.copyOf(metrics);
  }

  /** A writer for the metrics a history of this kind shows first: accuracy, or MAE and RMSE. */
  public static HistoryCsv forHistory(History history) {
    return new HistoryCsv(history.metricKeys().contains("accuracy") ? List.of("accuracy")
        : history.metricKeys());
  }

  /** The header line, without its line break. */
  public String header() {
    StringBuilder s = new StringBuilder("epoch,train_loss,train_loss_std,train_eval_loss,val_loss");
    for (String m : metrics) {
      s.append(",train_").append(m).append(",val_").append(m);
    }
    return s.append(",learning_rate,iterations,seconds").toString();
  }

  /** One epoch's line, without its line break. */
  public String row(EpochResult e) {
    StringBuilder s = new StringBuilder();
    s.append(e.epoch()).append(',').append(number(e.trainLoss())).append(',')
        .append(number(e.trainLossStd())).append(',')
        .append(trainEvalMeasured(e) ? number(e.trainEvalLoss()) : "").append(',')
        .append(number(e.validationLoss()));
    for (String m : metrics) {
      s.append(',').append(metric(e.trainMetrics(), m)).append(',')
          .append(metric(e.validationMetrics(), m));
    }
    s.append(',').append(number(e.learningRate())).append(',').append(e.iterations()).append(',')
        .append(String.format(java.util.Locale.ROOT, "%.3f", e.seconds()));
    return s.toString();
  }

  /** The whole file's text. */
  public String format(List<EpochResult> epochs) {
    StringBuilder s = new StringBuilder(header()).append('\n');
    for (EpochResult e : epochs) {
      s.append(row(e)).append('\n');
    }
    return s.toString();
  }

  /**
   * Writes {@code epochs} to {@code file}, atomically replacing it. A symbolic link is followed
   * (the file it points to is replaced, the link stays), and an existing file keeps its
   * permissions. The temporary file is {@code .NAME*.tmp} in the same directory.
   */
  public void write(List<EpochResult> epochs, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path target = resolveLinks(file.toAbsolutePath());
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, temporaryPrefix(target), ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(format(epochs));
      }
      keepPermissions(target, tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The prefix of the temporary files {@link #write} makes beside {@code target}. */
  public static String temporaryPrefix(Path target) {
    return "." + target.getFileName();
  }

  /** {@code file}, or the file its chain of symbolic links ends at (which may not exist yet). */
  public static Path resolveLinks(Path file) throws IOException {
    Path p = file;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops > 40) {
        throw new java.nio.file.FileSystemException(file.toString(), null,
            "Too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(p);
      p = p.resolveSibling(link).normalize();
    }
    return p;
  }

  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the new file has the default permissions.
    }
  }

  /** Writes {@code history} to {@code file}, atomically replacing it. */
  public void write(History history, Path file) throws IOException {
    write(history.epochs(), file);
  }

  /** The spellings the diagnostics readers (and Python, NumPy, pandas) read back as such. */
  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return Double.toString(v);
  }

  private static String metric(Map<String, Double> metrics, String key) {
    Double v = metrics.get(key);
    return v == null ? "" : number(v);
  }

  /** As {@link EpochResult#toDiagnostics()} decides: NaN beside a finite training loss is "not measured". */
  private static boolean trainEvalMeasured(EpochResult e) {
    return !(Double.isNaN(e.trainEvalLoss()) && Double.isFinite(e.trainLoss()));
  }

  /**
   * A listener that rewrites {@code file} after every epoch, so that a run that crashes or is
   * killed leaves a complete history of the epochs it finished.
   */
  public TrainingListener listener(Path file) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingContext context, EpochResult epoch) {
        try {
          write(context.epochs(), file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the history to " + file, e);
        }
      }
    };
  }
}
