package dev.disciplina.trainer.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.disciplina.trainer.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes {@code run.json}. Writing is atomic and durable (a temporary file in the same
 * directory, forced to disk, renamed over the target), so a crash leaves the old manifest or the
 * new one, never half of one. Reading checks the format version and every required field and
 * names the file, line and column of a problem.
 */
public final class RunManifests {

  /** The manifest's file name inside a run directory. */
  public static final String FILE_NAME = "run.json";

  /** The fields a manifest must have, as JSON paths with dots. */
  private static final List<String> REQUIRED = List.of("run_id", "configuration", "seed",
      "backend.name", "data.train_sha256", "data.validation_sha256", "environment");

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);

  private RunManifests() {}

  /** The manifest as JSON text, fields in declaration order, ending with a line break. */
  public static String toJson(RunManifest manifest) {
    try {
      return JSON.writeValueAsString(manifest) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run manifest could not be written as JSON", e);
    }
  }

  /** Writes {@code manifest} to {@code file}, atomically and durably replacing what was there. */
  public static void write(RunManifest manifest, Path file) throws IOException {
    AtomicFiles.write(file, toJson(manifest).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a manifest: {@code path} is a {@code run.json} or a run directory holding one.
   *
   * @throws ManifestException if the file is missing, not JSON, of another format version, or
   *     lacks a field a manifest needs; the message names the file (and line and column)
   */
  public static RunManifest read(Path path) throws ManifestException {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(file + ": no such file"
          + (Files.isDirectory(path) ? " (" + path + " is not a run directory)" : ""), e);
    } catch (AccessDeniedException e) {
      throw new ManifestException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new ManifestException(file + ": " + e.getMessage(), e);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ManifestException(file + where(e.getLocation()) + ": not a run manifest: "
          + plain(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ManifestException(file + ": " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new ManifestException(file + ": not a run manifest: "
          + (tree == null || tree.isMissingNode() ? "the file is empty" : "not a JSON object"));
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || !schema.canConvertToInt()) {
      throw new ManifestException(file + ": not a run manifest: 'schema' is missing");
    }
    if (schema.asInt() != RunManifest.SCHEMA) {
      throw new ManifestException(file + ": manifest format " + schema.asInt() + ", but this "
          + "Disciplina reads format " + RunManifest.SCHEMA);
    }
    for (String field : REQUIRED) {
      JsonNode v = tree.at("/" + field.replace('.', '/'));
      if (v.isMissingNode() || v.isNull() || (v.isContainerNode() && v.isEmpty())) {
        throw new ManifestException(file + ": not a run manifest: '" + field + "' is missing");
      }
    }
    RunManifest m;
    try {
      m = JSON.treeToValue(tree, RunManifest.class);
    } catch (JsonProcessingException e) {
      throw new ManifestException(file + ": not a run manifest: " + plain(e.getOriginalMessage()),
          e);
    }
    return m;
  }

  /** Jackson's message without its line breaks and its "[Source: ...]" location notes. */
  private static String plain(String message) {
    return message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
        .replaceAll("\\s*at \\[Source:.*?\\]", "").replace('\n', ' ').trim();
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return String.format(Locale.ROOT, ":%d:%d", at.getLineNr(), at.getColumnNr());
  }
}
