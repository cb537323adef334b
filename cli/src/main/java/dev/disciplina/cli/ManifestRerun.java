package dev.disciplina.cli;

import dev.disciplina.trainer.manifest.ManifestException;
import dev.disciplina.trainer.manifest.RunManifest;
import dev.disciplina.trainer.manifest.RunManifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --from RUN.json [--set KEY=VALUE]...}: the manifest's configuration (and
 * backend) turned back into {@code train} options, changed by {@code --set}, and run. Options that
 * only say where output goes ({@code --run-dir}, {@code --history}, {@code --quiet}, ...) may
 * be given beside {@code --from}; options that would change the run must go through
 * {@code --set}, so the change is explicit.
 */
final class ManifestRerun {

  private ManifestRerun() {}

  /** Reruns the manifest {@code options.from} names; returns the exit code. */
  static int rerun(CommandSpec train, RunOptions options) throws Exception {
    RunManifest manifest;
    try {
      manifest = RunManifests.read(options.from);
    } catch (ManifestException e) {
      throw new UsageException(e.getMessage(), e);
    }
    for (OptionSpec o : train.commandLine().getParseResult().matchedOptions()) {
      String key = RunConfiguration.key(o);
      if (RunConfiguration.isConfigurationKey(train, key) || key.equals("backend")) {
        throw new UsageException("--from takes the run's configuration from "
            + options.from + "; change " + o.longestName() + " with --set " + key + "=VALUE");
      }
    }
    List<String> args = arguments(train, manifest, options.sets);
    for (OptionSpec o : train.commandLine().getParseResult().matchedOptions()) {
      String key = RunConfiguration.key(o);
      if (!key.equals("from") && !key.equals("set")) {
        args.addAll(argument(o, String.valueOf((Object) o.getValue())));
      }
    }
    CommandLine rerun = new CommandLine(new TrainCommand());
    rerun.setOut(train.commandLine().getOut());
    rerun.setErr(train.commandLine().getErr());
    try {
      rerun.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new UsageException(options.from + ": its configuration is not a valid train "
          + "command: " + e.getMessage().replace('\n', ' '), e);
    }
    return ((TrainCommand) rerun.getCommand()).call();
  }

  /** The {@code train} arguments of {@code manifest}'s run, with {@code sets} applied. */
  static List<String> arguments(CommandSpec train, RunManifest manifest, List<String> sets) {
    Map<String, String> config = new LinkedHashMap<>(manifest.configuration());
    String backend = manifest.backend().name();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--set " + set + ": use KEY=VALUE, such as --set lr=0.01");
      }
      String key = set.substring(0, eq).trim().replaceFirst("^-+", "");
      String value = set.substring(eq + 1).trim();
      if (key.equals("backend")) {
        backend = value;
      } else if (RunConfiguration.isConfigurationKey(train, key)) {
        config.put(key, value);
      } else {
        throw new UsageException("--set " + set + ": '" + key + "' is not a setting of a run; "
            + "use one of backend, " + String.join(", ",
                RunConfiguration.configurationKeys(train)));
      }
    }
    List<String> args = new ArrayList<>(List.of("--backend=" + backend));
    for (Map.Entry<String, String> e : config.entrySet()) {
      OptionSpec o = train.findOption("--" + e.getKey());
      if (o == null) {
        throw new UsageException(manifestKeyError(e.getKey()));
      }
      args.addAll(argument(o, e.getValue()));
    }
    return args;
  }

  private static String manifestKeyError(String key) {
    return "the manifest's setting '" + key + "' is not an option of this Disciplina's train "
        + "command";
  }

  /** {@code o} given {@code value} on a command line. */
  private static List<String> argument(OptionSpec o, String value) {
    boolean flag = o.arity().max() == 0;
    if (flag) {
      return Boolean.parseBoolean(value) ? List.of(o.longestName()) : List.of();
    }
    return List.of(o.longestName() + "=" + value);
  }
}
