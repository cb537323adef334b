package dev.disciplina.cli;

import dev.disciplina.api.data.CsvLoader;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How {@code train} reads a CSV dataset: {@code --label NAME|INDEX}, {@code --header
 * yes|no|auto} and {@code --task classification|regression|auto}. A picocli mixin.
 */
final class DataOptions {

  @Option(names = "--label", paramLabel = "NAME|INDEX", description = "CSV: the label column, "
      + "by header name or by index from 0 (negative from the end). Default: a column named "
      + "label, target, class or y, else the last.")
  String label;

  @Option(names = "--header", paramLabel = "yes|no|auto", defaultValue = "auto",
      description = "CSV: whether the first line is a header (default: ${DEFAULT-VALUE}, which "
          + "also takes pandas' numeric headers such as 0,1,2,label for one).")
  String header;

  @Option(names = "--task", paramLabel = "KIND", defaultValue = "auto", description = "CSV: "
      + "classification, regression or auto (default: ${DEFAULT-VALUE}: text labels and few "
      + "whole numbers are classes).")
  String task;

  /** The loader these options describe; a wrong value is a usage error. */
  CsvLoader csvLoader() {
    CsvLoader.Builder b = CsvLoader.builder();
    b.header(switch (header.trim().toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> CsvLoader.Header.YES;
      case "no", "false" -> CsvLoader.Header.NO;
      case "auto" -> CsvLoader.Header.AUTO;
      default -> throw new UsageException("--header must be yes, no or auto, got '" + header
          + "'");
    });
    b.targets(switch (task.trim().toLowerCase(Locale.ROOT)) {
      case "classification", "classes" -> CsvLoader.Targets.CLASSES;
      case "regression", "values" -> CsvLoader.Targets.VALUES;
      case "auto" -> CsvLoader.Targets.AUTO;
      default -> throw new UsageException("--task must be classification, regression or auto, "
          + "got '" + task + "'");
    });
    if (label != null) {
      if (label.isBlank()) {
        throw new UsageException("--label needs a column name or index");
      }
      b.label(label);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--label " + label + " --header " + header + ": "
          + e.getMessage(), e);
    }
  }
}
