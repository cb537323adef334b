package dev.disciplina.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code train}'s options for run directories and manifests: {@code --run-dir DIR} writes the
 * history, the manifest {@code run.json} (and the report once there is one) into DIR;
 * {@code --from RUN.json [--set KEY=VALUE]...} reruns a manifest; {@code --measure-noise-scale}
 * estimates the gradient noise scale every epoch.
 */
final class RunOptions {

  @Option(names = "--run-dir", paramLabel = "DIR", description = "Write everything of the run "
      + "into DIR: history.csv, run.json (the manifest), report.html, checkpoints/ (the newest "
      + "and the best, unless --checkpoint-dir says otherwise) and noise-scale.csv when measured.")
  Path runDir;

  @Option(names = "--from", paramLabel = "RUN.json", description = "Rerun the run a manifest "
      + "describes (a run.json or its run directory), with the changes given by --set.")
  Path from;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With --from: change one "
      + "setting of the manifest's configuration (a train option's name without dashes).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--measure-noise-scale", description = "Estimate the gradient noise scale "
      + "(McCandlish et al. 2018, the simple noise scale B = tr(S)/|G|^2) every epoch, from the "
      + "gradients of consecutive steps; printed per epoch and written to noise-scale.csv in the "
      + "run directory.")
  boolean measureNoiseScale;
}
