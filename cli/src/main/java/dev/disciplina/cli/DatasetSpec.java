package dev.disciplina.cli;

import dev.disciplina.api.data.CsvLoader;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.FashionMnist;
import dev.disciplina.api.data.IdxLoader;
import dev.disciplina.api.data.MalformedDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A {@code --dataset} value: an embedded set ({@code digits}, {@code iris}, {@code wine}, {@code
 * breast-cancer}), {@code fashion-mnist} (Debian's package), {@code csv:PATH} or {@code idx:DIR}.
 */
record DatasetSpec(String kind, Path path) {

  static final String FORMS = "digits, iris, wine, breast-cancer, fashion-mnist, csv:PATH or idx:DIR";

  static DatasetSpec parse(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("csv:") || lower.startsWith("idx:")) {
      String p = t.substring(4);
      if (p.isBlank()) {
        throw new UsageException("--dataset " + text + ": give a path after '" + t.substring(0, 4)
            + "'");
      }
      return new DatasetSpec(lower.substring(0, 3), Path.of(p));
    }
    String name = lower.replace('_', '-');
    if (EmbeddedDatasets.NAMES.contains(name) || name.equals("fashion-mnist")) {
      return new DatasetSpec(name, null);
    }
    throw new UsageException("unknown dataset '" + text + "'; use " + FORMS);
  }

  /** Loads the whole dataset (for fashion-mnist and idx: the training part). */
  Dataset load() {
    return load(CsvLoader.defaults(), null);
  }

  /**
   * Loads the whole dataset, a CSV file with {@code csv}; says on {@code notes} (when not null)
   * which column of a CSV file held the labels.
   */
  Dataset load(CsvLoader csv, PrintWriter notes) {
    try {
      return switch (kind) {
        case "csv" -> {
          CsvLoader.Loaded loaded = csv.loadWithLayout(path);
          if (notes != null) {
            notes.println(path + ": " + loaded.describe());
          }
          yield loaded.dataset();
        }
        case "idx" -> IdxLoader.loadDirectory(path, "train", path.getFileName() == null
            ? "idx" : path.getFileName().toString(), List.of());
        case "fashion-mnist" -> {
          if (!FashionMnist.isInstalled()) {
            throw new UsageException("fashion-mnist is not installed in "
                + FashionMnist.DEBIAN_DIRECTORY + ": run 'apt-get install dataset-fashion-mnist',"
                + " or use --dataset idx:DIR with the four IDX files");
          }
          yield FashionMnist.train(FashionMnist.DEBIAN_DIRECTORY);
        }
        default -> EmbeddedDatasets.named(kind);
      };
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read " + e.getFile()
          + (e.getReason() != null ? ": " + e.getReason() : ": no such file"), e);
    } catch (MalformedDataException e) {
      throw new UsageException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + Main.ioReason(e), e);
    }
  }

  @Override
  public String toString() {
    return path == null ? kind : kind + ":" + path;
  }
}
