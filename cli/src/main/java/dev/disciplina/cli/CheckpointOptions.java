package dev.disciplina.cli;

import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.trainer.Checkpoint;
import dev.disciplina.trainer.CheckpointListener;
import dev.disciplina.trainer.CheckpointPolicy;
import dev.disciplina.trainer.Checkpoints;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TimeBudget;
import dev.disciplina.trainer.GradientHook;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import dev.disciplina.trainer.checkpoint.ModelWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code train} options for checkpoints, resume, the final weights and a time budget. A
 * checkpoint records every option that decides the run; {@code --resume DIR} takes them from it
 * and refuses any given again, except {@code --epochs} (to extend the run) and what only decides
 * where output goes.
 */
final class CheckpointOptions {

  /** Options that decide the run's numbers: saved in a checkpoint, refused on resume. */
  private static final List<String> RUN_OPTIONS = List.of("--backend", "--dataset", "--model",
      "--activation", "--dropout", "--batch-norm", "--epochs", "--batch-size", "--optimizer",
      "--lr", "--weight-decay", "--val-fraction", "--train-limit", "--seed", "--early-stopping",
      "--max-time", "--checkpoint-dir", "--checkpoint-every-steps", "--keep-last", "--shards");

  /** Options a resumed run may be given. */
  private static final Set<String> ALLOWED_ON_RESUME = Set.of("--resume", "--epochs",
      "--history", "--quiet", "--save-model", "--run-dir", "--report", "--metrics-port",
      "--metrics-host", "--checkpoint-dir", "--checkpoint-every-steps", "--keep-last");

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint "
      + "(model.safetensors, optimizer.safetensors, state.json) after every epoch into DIR.")
  Path checkpointDir;

  @Option(names = "--checkpoint-every-steps", paramLabel = "N", defaultValue = "0",
      description = "Also checkpoint every N optimizer steps inside an epoch (default: epoch ends only).")
  int everySteps;

  @Option(names = "--keep-last", paramLabel = "N", defaultValue = "0",
      description = "Keep the N newest checkpoints and the best (default: keep all).")
  int keepLast;

  @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run saved in DIR "
      + "(a checkpoint, or a checkpoint directory: its newest) exactly where it stopped; the "
      + "configuration comes from the checkpoint, --epochs may extend it.")
  Path resume;

  @Option(names = "--save-model", paramLabel = "FILE.safetensors",
      description = "Write the final weights as safetensors (PyTorch state_dict names).")
  Path saveModel;

  @Option(names = "--max-time", paramLabel = "DURATION", description = "Stop after this much "
      + "training time, at the next batch: 90s, 20m, 2h or ISO-8601 (PT1H30M).")
  String maxTime;

  /** The checkpoint a resumed command continues; set on the command re-parsed from it. */
  Path resumeFrom;

  void checkOptions() {
    if (everySteps < 0) {
      throw new UsageException("--checkpoint-every-steps must be >= 0, got " + everySteps);
    }
    if (keepLast < 0) {
      throw new UsageException("--keep-last must be >= 0, got " + keepLast);
    }
    if ((everySteps > 0 || keepLast > 0) && checkpointDir == null) {
      throw new UsageException("--checkpoint-every-steps and --keep-last need --checkpoint-dir");
    }
    if (saveModel != null && !saveModel.getFileName().toString().endsWith(".safetensors")) {
      throw new UsageException("--save-model writes safetensors: the file name must end in "
          + ".safetensors, got " + saveModel);
    }
    budget();
  }

  /** Whether this command resumes: it must be re-parsed from the checkpoint first. */
  boolean resuming() {
    return resume != null && resumeFrom == null;
  }

  /**
   * Builds the command the checkpoint describes (its saved options, then the output options
   * given now) and runs it; refuses an option that would change the run.
   */
  int resume(CommandLine original) throws Exception {
    for (OptionSpec o : original.getParseResult().matchedOptions()) {
      if (!ALLOWED_ON_RESUME.contains(o.longestName())) {
        throw new UsageException(o.longestName() + " would change the resumed run: its "
            + "configuration comes from the checkpoint (only --epochs may extend it)");
      }
    }
    Path dir = Checkpoints.latest(resume);
    Checkpoint c = Checkpoints.read(dir);
    List<String> args = new ArrayList<>();
    for (String name : RUN_OPTIONS) {
      String saved = c.run().get(name);
      if (saved != null && !original.getParseResult().hasMatchedOption(name)) {
        args.addAll(saved.equals("true") ? List.of(name) : saved.equals("false") ? List.of()
            : List.of(name, saved));
      }
    }
    for (OptionSpec o : original.getParseResult().matchedOptions()) {
      if (!o.longestName().equals("--resume")) {
        args.addAll(o.arity().max == 0 ? List.of(o.longestName())
            : List.of(o.longestName(), String.valueOf((Object) o.getValue())));
      }
    }
    TrainCommand again = new TrainCommand();
    CommandLine cl = new CommandLine(again);
    cl.setOut(original.getOut());
    cl.setErr(original.getErr());
    cl.parseArgs(args.toArray(String[]::new));
    again.checkpoints.resumeFrom = dir;
    PrintWriter out = original.getOut();
    out.printf(Locale.ROOT, "resuming from %s: epoch %d, %d batches done%n", dir,
        c.state().epoch(), c.state().progress().batches());
    return again.call();
  }

  /** The options that decide the run, by name, as the checkpoint keeps them. */
  Map<String, String> describe(CommandLine command, Backend backend) {
    Map<String, String> run = new LinkedHashMap<>();
    for (String name : RUN_OPTIONS) {
      Object value = command.getCommandSpec().findOption(name).getValue();
      if (value != null) {
        run.put(name, name.equals("--backend") ? backend.name() : value.toString());
      }
    }
    run.putIfAbsent("--backend", backend.name());
    if (checkpointDir != null) {
      run.put("--checkpoint-dir", checkpointDir.toAbsolutePath().toString());
    }
    return run;
  }

  /** The listeners these options add: checkpoint writing and the final weights. */
  List<TrainingListener> listeners(CommandLine command, Backend backend) {
    List<TrainingListener> out = new ArrayList<>();
    if (checkpointDir != null) {
      out.add(new CheckpointListener(new CheckpointPolicy(checkpointDir, everySteps, keepLast),
          describe(command, backend)));
    }
    if (saveModel != null) {
      out.add(new TrainingListener() {
        @Override
        public void onTrainEnd(TrainingContext context, History history) {
          try {
            ModelWeights.save(context.model(), saveModel);
          } catch (IOException e) {
            throw new UncheckedIOException("--save-model " + saveModel + ": " + e.getMessage(), e);
          }
        }
      });
    }
    return out;
  }

  /** Trains the recipe under {@code config} with {@code hooks}, or resumes it from the checkpoint. */
  History train(Recipe recipe, TrainingConfig config, Backend backend, Split split,
      List<TrainingListener> listeners, List<GradientHook> hooks) throws IOException {
    Trainer trainer = new Trainer(config, backend, listeners);
    for (GradientHook hook : hooks) {
      trainer = trainer.withGradientHook(hook);
    }
    Duration budget = budget();
    if (budget != null) {
      trainer = trainer.withStopPolicy(() -> new TimeBudget(budget));
    }
    return resumeFrom == null ? trainer.fit(recipe.experiment(), split)
        : trainer.resume(resumeFrom, recipe.experiment(), split.train(), split.validation());
  }

  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Duration budget() {
    if (maxTime == null) {
      return null;
    }
    Matcher m = SHORT.matcher(maxTime.trim().toLowerCase(Locale.ROOT));
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } else {
      try {
        d = Duration.parse(maxTime.trim());
      } catch (DateTimeParseException e) {
        throw new UsageException("--max-time must be like 90s, 20m, 2h or PT1H30M, got '"
            + maxTime + "'");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new UsageException("--max-time must be positive, got " + maxTime);
    }
    return d;
  }
}
