package dev.disciplina.cli;

import dev.disciplina.trainer.manifest.RunManifests;
import dev.disciplina.trainer.noise.BatchSizeStudy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code disciplina sweep --vary KEY=V1,V2,... [--out DIR] [train options]}: one run per value,
 * everything else fixed, the same seed, each in its own run directory; then the comparison. For
 * the batch size it also measures what the batch size did: throughput, iterations per epoch,
 * batch-loss spread, best validation loss, the gradient noise scale and the steps to a common
 * validation loss.
 */
@Command(name = "sweep", sortOptions = false, description = "Train once per value of one "
    + "setting, everything else fixed and the same seed, each run in its own directory under "
    + "--out; then compare the runs. Any train option may follow.")
final class SweepCommand implements Callable<Integer> {

  /** The settings a sweep may vary. */
  static final List<String> KEYS = List.of("batch-size", "lr", "model", "dropout",
      "weight-decay", "optimizer");

  @Spec CommandSpec spec;

  @Option(names = "--vary", required = true, paramLabel = "KEY=V1,V2,...", description =
      "The one setting to vary and its values; KEY is batch-size, lr, model, dropout, "
          + "weight-decay or optimizer (models such as mlp:64,32 are told apart by their 'mlp:').")
  String vary;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep",
      description = "Where the run directories go, one per value (default: ${DEFAULT-VALUE}).")
  Path out;

  @Unmatched List<String> trainArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    int eq = vary.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--vary " + vary + ": use KEY=V1,V2,..., such as --vary "
          + "batch-size=8,32,128");
    }
    String key = vary.substring(0, eq).trim();
    if (!KEYS.contains(key)) {
      throw new UsageException("--vary " + key + ": a sweep varies one of "
          + String.join(", ", KEYS));
    }
    List<String> values = values(key, vary.substring(eq + 1));
    checkTrainArguments(key);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + ": not a directory");
    }
    List<TrainCommand> commands = new ArrayList<>();
    for (String value : values) {
      commands.add(parse(key, value));
    }
    List<Path> dirs = new ArrayList<>();
    List<BatchSizeStudy.Input> inputs = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      TrainCommand train = commands.get(i);
      console.printf(Locale.ROOT, "run %d/%d: %s=%s -> %s%n", i + 1, values.size(), key,
          values.get(i), train.run.runDir);
      console.flush();
      train.call();
      dirs.add(train.run.runDir);
      console.printf(Locale.ROOT, "  %d epochs in %.1f s, verdict %s%n", train.result.size(),
          train.result.seconds(), train.result.diagnose().verdict());
      if (key.equals("batch-size")) {
        int trainSize = RunManifests.read(train.run.runDir).data().trainSize();
        inputs.add(new BatchSizeStudy.Input(train.batchSize, trainSize, train.result,
            train.recording.noiseScale()));
      }
    }
    console.println();
    List<ComparedRun> runs = new ArrayList<>();
    for (Path d : dirs) {
      runs.add(ComparedRun.read(d));
    }
    ComparisonText.print(runs, console);
    if (key.equals("batch-size")) {
      console.println();
      BatchSizeText.print(BatchSizeStudy.of(inputs), console);
    }
    console.println();
    console.print(ComparisonPage.plots(runs));
    Path page = out.resolve("compare.html");
    ComparisonPage.write(runs, page);
    console.println("comparison page: " + page);
    console.flush();
    return 0;
  }

  /** The values of {@code --vary}; a model's own commas stay inside it. */
  static List<String> values(String key, String text) {
    List<String> parts = new ArrayList<>();
    for (String p : text.split(",", -1)) {
      String v = p.trim();
      boolean continuesModel = key.equals("model") && !parts.isEmpty()
          && !v.toLowerCase(Locale.ROOT).startsWith("mlp:")
          && !v.equalsIgnoreCase("linear");
      if (continuesModel) {
        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "," + v);
      } else {
        parts.add(v);
      }
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String v : parts) {
      if (v.isEmpty()) {
        throw new UsageException("--vary " + key + "=" + text + ": an empty value");
      }
      if (!unique.add(v)) {
        throw new UsageException("--vary " + key + "=" + text + ": " + v + " is given twice");
      }
    }
    if (unique.size() < 2) {
      throw new UsageException("--vary " + key + "=" + text + ": a sweep needs at least two "
          + "values");
    }
    return List.copyOf(unique);
  }

  private void checkTrainArguments(String key) {
    for (String a : trainArgs) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (name.equals("--" + key)) {
        throw new UsageException("--" + key + " is what --vary " + key + " varies; give its "
            + "values to --vary only");
      }
      if (name.equals("--run-dir") || name.equals("--from") || name.equals("--set")
          || name.equals("--history")) {
        throw new UsageException(name + " cannot be given to sweep: every run writes its own "
            + "directory under --out");
      }
    }
  }

  /** The train command of one value, parsed (so every mistake shows before the first run). */
  private TrainCommand parse(String key, String value) {
    List<String> args = new ArrayList<>(trainArgs);
    args.add("--" + key + "=" + value);
    args.add("--run-dir=" + out.resolve(key + "=" + value.replaceAll("[^A-Za-z0-9._,+-]", "_")));
    args.add("--quiet");
    if (key.equals("batch-size")) {
      args.add("--measure-noise-scale");
    }
    CommandLine cl = new CommandLine(new TrainCommand());
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(spec.commandLine().getErr());
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new UsageException("sweep: " + e.getMessage().replace('\n', ' '), e);
    }
    return (TrainCommand) cl.getCommand();
  }
}
