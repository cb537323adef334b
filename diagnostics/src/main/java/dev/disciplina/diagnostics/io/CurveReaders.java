package dev.disciplina.diagnostics.io;

import dev.disciplina.diagnostics.LearningCurves;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link LearningCurves} from the logs of this project and of other tools; see {@link
 * CurveFormat} for the formats. {@code CurveReaders.read(path)} detects the format, {@code
 * read(path, format)} forces one. Errors are {@link CurveReadException}s whose one-line message
 * names the file (as given) and the line.
 *
 * <p>Whatever the format: epochs keep the numbers the file gives them (Keras and Lightning count
 * from 0, this project from 1; formats without epoch numbers count from 1); an epoch missing its
 * training or validation loss is left out (validation run every few epochs, an interrupted last
 * epoch); optional series (eval-mode training loss, accuracies, other metrics) are kept only when
 * every kept epoch has them; {@code nan}, {@code inf} and their spellings are read as such and
 * make the diagnosis {@code DIVERGING}. The number of classes is not in any log: set it with
 * {@link LearningCurves#withClasses(int)}.
 */
public final class CurveReaders {

  private CurveReaders() {}

  /** Reads a file, detecting its format. */
  public static LearningCurves read(Path file) throws CurveReadException {
    return read(file, CurveFormat.AUTO);
  }

  /** Reads a file in the given format ({@link CurveFormat#AUTO} detects it). */
  public static LearningCurves read(Path file, CurveFormat format) throws CurveReadException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    String name = file.toString();
    return parse(name, readText(name, file), format);
  }

  /**
   * Reads curves from a stream; {@code name} stands for the file in error messages. The reader is
   * read to its end but not closed.
   */
  public static LearningCurves read(Reader in, String name, CurveFormat format) throws CurveReadException {
    Objects.requireNonNull(in, "in");
    StringWriter w = new StringWriter();
    try {
      in.transferTo(w);
    } catch (IOException e) {
      throw new CurveReadException(name, "cannot read: " + e.getMessage(), e);
    }
    return parse(name, w.toString(), format);
  }

  /** Parses curves from text; {@code name} stands for the file in error messages. */
  public static LearningCurves parse(String name, String text, CurveFormat format) throws CurveReadException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    CurveFormat f = format == CurveFormat.AUTO ? detect(name, text) : format;
    if (f == CurveFormat.KERAS_JSON) {
      return KerasJsonReader.read(name, text);
    }
    List<CsvTable.Row> rows = CsvTable.parse(text);
    return switch (f) {
      case DISCIPLINA_HISTORY, KERAS_CSV -> CsvCurveReader.readPerEpoch(name, rows);
      case LIGHTNING_CSV -> CsvCurveReader.readLightning(name, rows);
      case PLAIN_CSV -> CsvCurveReader.readPlain(name, rows);
      case KERAS_JSON, AUTO -> throw new AssertionError(f);
    };
  }

  /** Detects the format of a file; see {@link #detect(String, String)}. */
  public static CurveFormat detect(Path file) throws CurveReadException {
    return detect(file.toString(), readText(file.toString(), file));
  }

  /**
   * Detects the format from the content: JSON ({@code {...}}) is Keras history; a CSV header with
   * {@code epoch} and {@code step} is Lightning; with {@code train_loss} (or {@code
   * training_loss}) is this project's history; with {@code loss} and {@code val_loss} is Keras
   * {@code CSVLogger}; two columns, with or without a header, are plain.
   *
   * @throws CurveReadException naming what was found when none fits
   */
  public static CurveFormat detect(String name, String text) throws CurveReadException {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String s = t.stripLeading();
    if (s.isEmpty()) {
      throw new CurveReadException(name, 0, "the file is empty");
    }
    if (s.charAt(0) == '{' || s.charAt(0) == '[') {
      return CurveFormat.KERAS_JSON;
    }
    List<CsvTable.Row> rows = CsvTable.parse(t);
    if (rows.isEmpty()) {
      throw new CurveReadException(name, 0, "the file has no rows");
    }
    CsvTable.Row first = rows.get(0);
    Set<String> header = first.cells().stream().map(EpochTable::normalise).collect(Collectors.toSet());
    if (header.contains("epoch") && header.contains("step")) {
      return CurveFormat.LIGHTNING_CSV;
    }
    if (header.contains("train_loss") || header.contains("training_loss")) {
      return CurveFormat.DISCIPLINA_HISTORY;
    }
    if (header.contains("loss") && header.contains("val_loss")) {
      return CurveFormat.KERAS_CSV;
    }
    if (first.cells().size() == 2) {
      return CurveFormat.PLAIN_CSV;
    }
    if (EpochTable.VAL_LOSS.stream().anyMatch(header::contains)
        && EpochTable.TRAIN_LOSS.stream().anyMatch(header::contains)) {
      return CurveFormat.DISCIPLINA_HISTORY;
    }
    throw new CurveReadException(name, first.line(), "cannot tell the format from the columns "
        + String.join(", ", first.cells()) + "; expected loss and val_loss (Keras CSVLogger), train_loss and "
        + "val_loss (Disciplina history), epoch and step (Lightning metrics.csv), or two columns (training "
        + "loss, validation loss)");
  }

  private static String readText(String name, Path file) throws CurveReadException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new CurveReadException(name, "no such file", e);
    } catch (CharacterCodingException e) {
      throw new CurveReadException(name, "not a UTF-8 text file", e);
    } catch (IOException e) {
      throw new CurveReadException(name, "cannot read: " + e.getMessage(), e);
    }
  }
}
