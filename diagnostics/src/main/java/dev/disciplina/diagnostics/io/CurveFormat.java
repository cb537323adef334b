package dev.disciplina.diagnostics.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats {@link CurveReaders} understands, and {@link #AUTO} to detect one. */
public enum CurveFormat {
  /** Detect the format from the content; see {@link CurveReaders#detect}. */
  AUTO("auto"),
  /**
   * This project's history CSV: {@code epoch,train_loss,train_eval_loss,val_loss,...}, one row per
   * epoch, epochs from 1; metric columns vary. Also any one-row-per-epoch CSV with {@code
   * train_loss} and {@code val_loss} columns.
   */
  DISCIPLINA_HISTORY("history"),
  /** Keras {@code CSVLogger}: {@code epoch,accuracy,loss,val_accuracy,val_loss} in any order, epochs from 0. */
  KERAS_CSV("keras-csv"),
  /** Keras {@code history.history} saved as JSON: {@code {"loss":[...],"val_loss":[...],...}}; epochs from 1. */
  KERAS_JSON("keras-json"),
  /**
   * PyTorch Lightning {@code CSVLogger} {@code metrics.csv}: {@code epoch} and {@code step}
   * columns, training and validation values on separate rows, several rows per epoch.
   */
  LIGHTNING_CSV("lightning"),
  /** Two columns, training loss then validation loss, with or without a header; epochs from 1. */
  PLAIN_CSV("plain"),
  /**
   * Output pasted from a terminal or a notebook: Keras' {@code Epoch 3/20} then {@code ... loss:
   * 0.41 - val_loss: 0.52}, PyTorch prints such as {@code Epoch [3/50], Train Loss: 0.41, Val Loss:
   * 0.52}; epochs as printed.
   */
  CONSOLE("console");

  private final String cliName;

  CurveFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The short name used on the command line, e.g. {@code keras-csv}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format with this short name or constant name, case-insensitive ({@code keras-csv}, {@code
   * KERAS_CSV}).
   *
   * @throws IllegalArgumentException naming the known formats if none matches
   */
  public static CurveFormat fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CurveFormat f : values()) {
      if (f.cliName.equals(n) || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown curve format \"" + name + "\"; known: "
        + Arrays.stream(values()).map(CurveFormat::cliName).collect(Collectors.joining(", ")));
  }
}
