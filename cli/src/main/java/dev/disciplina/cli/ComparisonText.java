package dev.disciplina.cli;

import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.trainer.manifest.RunComparison;
import dev.disciplina.trainer.manifest.RunManifest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console part of {@code compare}: what changed against the baseline, then the table. */
final class ComparisonText {

  private ComparisonText() {}

  static void print(List<ComparedRun> runs, PrintWriter out) {
    ComparedRun base = runs.get(0);
    out.println("baseline: " + base.label() + describe(base.manifest()));
    for (ComparedRun run : runs.subList(1, runs.size())) {
      out.println(run.label() + " against the baseline:");
      if (base.manifest() == null || run.manifest() == null) {
        out.println("configuration unknown (" + (run.manifest() == null ? run.label()
            : base.label()) + " has no manifest): compared by the curves only");
        continue;
      }
      RunComparison c = RunComparison.of(base.manifest(), run.manifest());
      if (c.identical()) {
        out.println("nothing changed: the same configuration, data, backend and versions");
      }
      for (RunComparison.Change change : c.changes()) {
        out.println("changed: " + change.key() + " " + change.baseline() + " -> "
            + change.value());
      }
      List<String> factors = c.factors();
      if (factors.size() > 1) {
        out.println("warning: more than one thing changed (" + String.join(", ", factors)
            + "): a difference in the curves cannot be put down to any one of them");
      }
      if (c.dataDiffers()) {
        out.println("warning: not comparable: " + run.label() + " trained or validated on other "
            + "data than the baseline, so its losses measure something else");
      }
    }
    out.println();
    table(runs, out);
  }

  private static String describe(RunManifest m) {
    if (m == null) {
      return " (configuration unknown: no manifest)";
    }
    Map<String, String> c = m.configuration();
    return String.format(Locale.ROOT, " (%s on %s, %s, %s lr %s, batch %s, seed %d)",
        c.getOrDefault("model", "?"), m.data().name(), m.backend().name(),
        c.getOrDefault("optimizer", "?"), c.getOrDefault("lr", "?"),
        c.getOrDefault("batch-size", "?"), m.seed());
  }

  /** The runs side by side: verdict, best epoch and validation loss, final values. */
  static void table(List<ComparedRun> runs, PrintWriter out) {
    int width = Math.max(3, runs.stream().mapToInt(r -> r.label().length()).max().orElse(3));
    boolean accuracy = runs.stream().anyMatch(r -> !r.curves().valAccuracy().isEmpty());
    String head = String.format(Locale.ROOT, "%-" + width + "s  %-12s  %6s  %12s  %12s  %12s",
        "run", "verdict", "best", "best val", "final train", "final val")
        + (accuracy ? "  final val_acc" : "");
    out.println(head);
    for (ComparedRun r : runs) {
      LearningCurves c = r.curves();
      int last = c.size() - 1;
      String best = r.diagnosis().bestEpoch().isPresent()
          ? String.valueOf(r.diagnosis().bestEpoch().getAsInt()) : "-";
      double bestVal = c.valLoss().stream().filter(Double::isFinite)
          .mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      String row = String.format(Locale.ROOT, "%-" + width + "s  %-12s  %6s  %12s  %12s  %12s",
          r.label(), r.diagnosis().verdict(), best, number(bestVal),
          number(c.trainLoss().get(last)), number(c.valLoss().get(last)));
      if (accuracy) {
        row += String.format(Locale.ROOT, "  %14s", c.valAccuracy().isEmpty() ? "-"
            : number(c.valAccuracy().get(last)));
      }
      out.println(row);
    }
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v)
        : Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  }
}
