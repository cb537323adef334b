package dev.disciplina.diagnostics.io;

import dev.disciplina.diagnostics.LearningCurves;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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

  /** Reads a file, detecting its format; of a file that holds several runs, the last. */
  public static LearningCurves read(Path file) throws CurveReadException {
    return read(file, CurveFormat.AUTO);
  }

  /**
   * Reads a file in the given format ({@link CurveFormat#AUTO} detects it); of a file that holds
   * several runs, the last.
   */
  public static LearningCurves read(Path file, CurveFormat format) throws CurveReadException {
    return last(readRuns(file, format));
  }

  /**
   * Every run in a file, in file order. A log holds several runs when its epoch counter goes back
   * (a {@code CSVLogger} appending to the file of an earlier run, a script restarted into the same
   * log, several models written one after the other); most files hold one. A gzip-compressed file
   * is recognised by its content and decompressed.
   */
  public static List<LearningCurves> readRuns(Path file, CurveFormat format) throws CurveReadException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    String name = file.toString();
    return parseRuns(name, readText(name, file), format);
  }

  /**
   * Reads curves from a stream; {@code name} stands for the file in error messages. The reader is
   * read to its end but not closed. Of several runs, the last.
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

  /** Parses curves from text; {@code name} stands for the file in error messages. Of several runs, the last. */
  public static LearningCurves parse(String name, String text, CurveFormat format) throws CurveReadException {
    return last(parseRuns(name, text, format));
  }

  /** Every run in the text, in order; see {@link #readRuns(Path, CurveFormat)}. */
  public static List<LearningCurves> parseRuns(String name, String text, CurveFormat format)
      throws CurveReadException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    String t = withoutConflictMarkers(text.startsWith("\uFEFF") ? text.substring(1) : text);
    CurveFormat f = format == CurveFormat.AUTO ? detect(name, t) : format;
    if (f == CurveFormat.KERAS_JSON) {
      return List.of(KerasJsonReader.read(name, t));
    }
    if (f == CurveFormat.CONSOLE) {
      return ConsoleLogReader.read(name, t);
    }
    List<CsvTable.Row> rows = CsvTable.parse(t);
    return switch (f) {
      case DISCIPLINA_HISTORY, KERAS_CSV -> CsvCurveReader.readPerEpoch(name, rows);
      case LIGHTNING_CSV -> CsvCurveReader.readLightning(name, rows);
      case PLAIN_CSV -> List.of(CsvCurveReader.readPlain(name, rows));
      case KERAS_JSON, CONSOLE, AUTO -> throw new AssertionError(f);
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
   * {@code CSVLogger}; text with losses printed as {@code loss: 0.41} or {@code loss=0.41} is
   * console output; two columns, with or without a header, are plain.
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
    List<CsvTable.Row> rows = CsvTable.parse(firstLines(t));
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
    if (first.cells().size() == 2 && rows.size() > 1 && rows.get(1).cells().size() == 2
        && rows.get(1).cells().stream().allMatch(Numbers::isNumber)) {
      return CurveFormat.PLAIN_CSV;
    }
    boolean namesOnly = first.cells().stream().noneMatch(Numbers::isNumber);
    if (namesOnly && EpochTable.VAL_LOSS.stream().anyMatch(header::contains)
        && EpochTable.TRAIN_LOSS.stream().anyMatch(header::contains)) {
      return CurveFormat.DISCIPLINA_HISTORY;
    }
    if (ConsoleLogReader.looksLikeConsole(t)) {
      return CurveFormat.CONSOLE;
    }
    if (first.cells().size() == 2) {
      return CurveFormat.PLAIN_CSV;
    }
    throw new CurveReadException(name, first.line(), "cannot tell the format from the columns "
        + String.join(", ", first.cells()) + "; expected loss and val_loss (Keras CSVLogger), train_loss and "
        + "val_loss (Disciplina history), epoch and step (Lightning metrics.csv), two columns (training "
        + "loss, validation loss), or console output with lines like \"loss: 0.41 - val_loss: 0.52\"");
  }

  private static LearningCurves last(List<LearningCurves> runs) {
    return runs.get(runs.size() - 1);
  }

  /** The first lines of a text, enough to hold a header (quoted cells may span lines). */
  private static String firstLines(String t) {
    int end = 0;
    for (int lines = 0; lines < 50 && end >= 0 && end < t.length(); lines++) {
      end = t.indexOf('\n', end + 1);
    }
    return end < 0 ? t : t.substring(0, end);
  }

  /**
   * The text with unresolved git merge-conflict markers resolved to the first side ({@code
   * <<<<<<< HEAD} up to {@code =======}): a committed log sometimes has them, and the first side is
   * the one that was in the working tree.
   */
  static String withoutConflictMarkers(String text) {
    if (!text.contains("<<<<<<< ") && !text.startsWith("<<<<<<<")) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    boolean theirs = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("<<<<<<<")) {
        theirs = false;
        sb.append('\n');
      } else if (line.startsWith("=======") && line.strip().equals("=======")) {
        theirs = true;
        sb.append('\n');
      } else if (line.startsWith(">>>>>>>")) {
        theirs = false;
        sb.append('\n');
      } else {
        sb.append(theirs ? "" : line).append('\n');
      }
    }
    return sb.substring(0, sb.length() - 1);
  }

  private static String readText(String name, Path file) throws CurveReadException {
    if (Files.isDirectory(file)) {
      throw new CurveReadException(name, 0, "is a directory, not a file");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      boolean gzip = b1 == 0x1f && b2 == 0x8b;
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      byte[] bytes = in.readAllBytes();
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new CurveReadException(name, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new CurveReadException(name, "permission denied", e);
    } catch (CharacterCodingException e) {
      throw new CurveReadException(name, "not a UTF-8 text file", e);
    } catch (ZipException | EOFException e) {
      throw new CurveReadException(name, "not a valid gzip file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new CurveReadException(name, "cannot read: " + e.getMessage(), e);
    }
  }
}
