package dev.disciplina.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration a {@code train} run records in its manifest: the value of every option that
 * decides the run, by the option's name without dashes, in the order {@code train --help} lists
 * them. Options that only say where output goes or how it looks are left out (listed in
 * {@link #NOT_CONFIGURATION}), and so is {@code backend}, which the manifest records with its
 * engine version. Effective values replace defaults that depend on other options (the learning
 * rate of an optimizer).
 */
final class RunConfiguration {

  /** Options that do not change what is trained, or that the manifest records elsewhere. */
  static final Set<String> NOT_CONFIGURATION = Set.of("help", "version", "backend", "history",
      "quiet", "run-dir", "from", "set", "measure-noise-scale", "report", "metrics-port",
      "metrics-host", "overwrite", "checkpoint-dir", "checkpoint-every-steps", "keep-last",
      "resume", "save-model", "preflight", "fast-dev-run", "plot", "spark", "segment-epochs");

  private RunConfiguration() {}

  /** The configuration of the run {@code train} describes, with {@code effective} values on top. */
  static Map<String, String> of(CommandSpec train, Map<String, String> effective) {
    Map<String, String> out = new LinkedHashMap<>();
    for (OptionSpec o : train.options()) {
      String key = key(o);
      if (NOT_CONFIGURATION.contains(key)) {
        continue;
      }
      String value = effective.containsKey(key) ? effective.get(key) : text((Object) o.getValue());
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** Whether {@code key} names an option of {@code train} that belongs to the configuration. */
  static boolean isConfigurationKey(CommandSpec train, String key) {
    return !NOT_CONFIGURATION.contains(key) && train.options().stream()
        .anyMatch(o -> key(o).equals(key));
  }

  /** The keys {@code --set} accepts, for messages. */
  static List<String> configurationKeys(CommandSpec train) {
    return train.options().stream().map(RunConfiguration::key)
        .filter(k -> !NOT_CONFIGURATION.contains(k)).toList();
  }

  /** The option's longest name without its leading dashes. */
  static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "");
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Collection<?> c) {
      return c.isEmpty() ? null : c.stream().map(String::valueOf)
          .collect(Collectors.joining(","));
    }
    if (v instanceof Path p) {
      return p.toString();
    }
    return String.valueOf(v);
  }
}
