package dev.disciplina.report;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.Verdict;
import dev.disciplina.diagnostics.stats.Smoothing;
import dev.disciplina.report.chart.Chart;
import dev.disciplina.report.chart.Chart.Dash;
import dev.disciplina.report.chart.Numbers;
import dev.disciplina.report.chart.Palette;
import dev.disciplina.report.chart.SvgWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A self-contained HTML page of one run ({@link #single}) or of several runs on the same axes
 * ({@link #comparison}): inline SVG and CSS, no script and no network access, so it reads the
 * same in any browser, offline, with scripts off. Hover a point for its value (an SVG {@code
 * <title>}, no script needed).
 *
 * <p>A single run's page has the loss panel (running training loss with the band of batch-loss
 * spread, eval-mode training loss, validation loss and its smoothed curve drawn beside it; the
 * best epoch, the onset of overfitting and the epoch of the final weights marked; chance level
 * when known), an accuracy panel with chance level and the majority-class baseline, a panel per
 * other metric, a learning-rate panel when the rate changes, the verdict with cause, evidence and
 * advice, and the configuration, manifest and measures as tables. A comparison page overlays the
 * runs, one colour per run, and sets their verdicts side by side.
 *
 * <p>{@link #html()} is deterministic: no time stamps, locale-independent numbers. Immutable and
 * thread-safe.
 */
public final class ReportPage {

  private static final String SMOOTHING_NOTE = "dotted: validation loss smoothed as the diagnosis reads it "
      + "(running median of 3, or 5 from 15 epochs, then Hanning)";

  private final String title;
  private final List<RunReport> runs;
  private final boolean comparison;

  private ReportPage(String title, List<RunReport> runs, boolean comparison) {
    this.title = title;
    this.runs = List.copyOf(runs);
    this.comparison = comparison;
  }

  /** The page of one run. */
  public static ReportPage single(RunReport run) {
    Objects.requireNonNull(run, "run");
    return new ReportPage("Disciplina report: " + run.name(), List.of(run), false);
  }

  /** One page comparing {@code runs} (at least one) on the same axes, in the order given. */
  public static ReportPage comparison(List<RunReport> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one run");
    }
    return new ReportPage("Disciplina comparison: " + runs.size() + " run" + (runs.size() == 1 ? "" : "s"), runs,
        true);
  }

  /** The page's title. */
  public String title() {
    return title;
  }

  /** The runs drawn, in order. */
  public List<RunReport> runs() {
    return runs;
  }

  /**
   * Writes the page to {@code file}, atomically: a temporary file in the same directory, forced
   * to disk and moved over the target, so a reader (or a browser refresh) never sees half a page.
   */
  public void write(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: its owner-only permissions would stay on the page after the move
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toHexString(System.nanoTime()) + ".tmp");
    try {
      try (var channel = Files.newByteChannel(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
          Writer w = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
        w.write(html());
        w.flush();
        if (channel instanceof java.nio.channels.FileChannel fc) {
          fc.force(true);
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The page as HTML. */
  public String html() {
    SvgWriter w = new SvgWriter();
    w.raw("<!DOCTYPE html>");
    w.start("html", "lang", "en");
    w.start("head");
    w.empty("meta", "charset", "utf-8");
    w.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    w.text("title", title);
    w.start("style");
    for (String line : CSS) {
      w.raw(line);
    }
    w.end();
    w.end();
    w.start("body");
    w.text("h1", title);
    if (comparison) {
      comparisonBody(w);
    } else {
      singleBody(w, runs.get(0));
    }
    w.text("p", "Written by Disciplina. Hover a point for its value. Colours are the Okabe-Ito palette; "
        + "lines differ by dash pattern as well.", "class", "footer");
    w.end();
    w.end();
    return w.toString();
  }

  // ---------------------------------------------------------------- single run

  private void singleBody(SvgWriter w, RunReport run) {
    w.start("section", "class", "verdicts");
    verdict(w, run, Palette.BLUE, false);
    w.end();
    w.start("section", "class", "panels");
    lossChart(run).render(w, "loss");
    if (!run.curves().valAccuracy().isEmpty()) {
      accuracyChart(run).render(w, "accuracy");
    }
    int i = 0;
    for (Map.Entry<String, List<List<Double>>> e : run.metricPairs().entrySet()) {
      metricChart(run, e.getKey(), e.getValue()).render(w, "metric-" + i++);
    }
    if (run.learningRateChanges()) {
      learningRateChart(List.of(run)).render(w, "lr");
    }
    if (run.noiseScale().isPresent()) {
      noiseScaleChart(List.of(run)).render(w, "noise-scale");
    }
    w.end();
    table(w, "Configuration", run.configuration());
    if (!run.manifest().isEmpty()) {
      table(w, "Manifest", run.manifest());
    }
    measures(w, run.diagnosis());
  }

  private static double[] xs(LearningCurves c) {
    return c.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
  }

  private static double[] values(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Chart lossChart(RunReport run) {
    LearningCurves c = run.curves();
    double[] x = xs(c);
    double[] train = values(c.trainLoss());
    Chart.Builder b = Chart.builder("Loss").yLabel("loss");
    run.trainLossStd().ifPresent(std -> {
      double[] lo = new double[x.length];
      double[] hi = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        lo[i] = train[i] - std.get(i);
        hi[i] = train[i] + std.get(i);
      }
      b.band(new Chart.Band("batch losses: mean \u00b1 1 std", x, lo, hi, Palette.BLUE));
    });
    b.line("training loss (running, train mode)", x, train, Palette.BLUE, Dash.SOLID);
    if (!c.trainEvalLoss().isEmpty()) {
      b.line("training loss (eval mode)", x, values(c.trainEvalLoss()), Palette.BLUISH_GREEN, Dash.DASHED);
    }
    double[] val = values(c.valLoss());
    b.line("validation loss", x, val, Palette.VERMILLION, Dash.SOLID);
    if (c.size() >= 5 && allFinite(val)) {
      b.line(new Chart.Line("validation loss, smoothed", x, Smoothing.smooth(val), Palette.VERMILLION, Dash.DOTTED,
          1.5, false));
      b.note(SMOOTHING_NOTE);
    }
    int nonFinite = nonFinite(train) + nonFinite(val)
        + (c.trainEvalLoss().isEmpty() ? 0 : nonFinite(values(c.trainEvalLoss())));
    if (nonFinite > 0) {
      b.note(nonFinite + " loss value" + (nonFinite == 1 ? " is" : "s are")
          + " NaN or infinite and not drawn: the lines break there");
    }
    c.chanceLoss().ifPresent(chance -> b.reference("chance level ln " + c.classes().getAsInt() + " = "
        + Numbers.fixed(chance, 3), chance, "#777777"));
    Diagnosis d = run.diagnosis();
    d.bestEpoch().ifPresent(e -> b.marker("best epoch " + e, e, Palette.BLACK, Dash.DASHED));
    d.overfittingOnsetEpoch().ifPresent(e -> b.marker("overfitting from " + e, e, Palette.REDDISH_PURPLE,
        Dash.DOTTED));
    run.weightsFromEpoch().ifPresent(e -> b.marker("final weights from " + e, e, Palette.ORANGE, Dash.SOLID));
    return b.build();
  }

  private static int nonFinite(double[] v) {
    int n = 0;
    for (double x : v) {
      if (!Double.isFinite(x)) {
        n++;
      }
    }
    return n;
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static Chart accuracyChart(RunReport run) {
    LearningCurves c = run.curves();
    double[] x = xs(c);
    Chart.Builder b = Chart.builder("Accuracy").yLabel("accuracy").logY(false);
    b.line("training accuracy", x, values(c.trainAccuracy()), Palette.BLUE, Dash.DASHED);
    b.line("validation accuracy", x, values(c.valAccuracy()), Palette.VERMILLION, Dash.SOLID);
    c.classes().ifPresent(k -> b.reference("chance level 1/" + k + " = " + Numbers.fixed(1.0 / k, 3), 1.0 / k,
        "#777777"));
    run.majorityBaseline().ifPresent(m -> b.reference("majority class = " + Numbers.fixed(m, 3), m, Palette.ORANGE));
    run.diagnosis().bestEpoch().ifPresent(e -> b.marker("best epoch " + e, e, Palette.BLACK, Dash.DASHED));
    return b.build();
  }

  private static Chart metricChart(RunReport run, String name, List<List<Double>> pair) {
    double[] x = xs(run.curves());
    Chart.Builder b = Chart.builder(name.toUpperCase(Locale.ROOT).length() <= 4 ? name.toUpperCase(Locale.ROOT) : name)
        .yLabel(name).logY(false);
    if (!pair.get(0).isEmpty()) {
      b.line("training " + name, x, values(pair.get(0)), Palette.BLUE, Dash.DASHED);
    }
    b.line("validation " + name, x, values(pair.get(1)), Palette.VERMILLION, Dash.SOLID);
    return b.build();
  }

  private static Chart learningRateChart(List<RunReport> runs) {
    Chart.Builder b = Chart.builder("Learning rate").yLabel("learning rate")
        .logY(runs.stream().allMatch(r -> r.learningRate().map(lr -> lr.stream().allMatch(v -> v > 0)).orElse(true)));
    int i = 0;
    for (RunReport r : runs) {
      String colour = runs.size() == 1 ? Palette.BLUISH_GREEN : Palette.run(i);
      r.learningRate().ifPresent(lr -> b.line((runs.size() == 1 ? "" : r.name() + " ") + "learning rate",
          xs(r.curves()), values(lr), colour, Dash.SOLID));
      i++;
    }
    return b.build();
  }

  /** The gradient noise scale per epoch (log scale; unresolved epochs are gaps). */
  private static Chart noiseScaleChart(List<RunReport> runs) {
    Chart.Builder b = Chart.builder("Gradient noise scale").yLabel("noise scale B_simple")
        .logY(true);
    int i = 0;
    for (RunReport r : runs) {
      String colour = runs.size() == 1 ? Palette.BLUISH_GREEN : Palette.run(i);
      r.noiseScale().ifPresent(n -> b.line((runs.size() == 1 ? "" : r.name() + " ")
          + "noise scale", xs(r.curves()), values(n), colour, Dash.SOLID));
      i++;
    }
    return b.build();
  }

  // ---------------------------------------------------------------- comparison

  private void comparisonBody(SvgWriter w) {
    w.start("section", "class", "verdicts");
    for (int i = 0; i < runs.size(); i++) {
      verdict(w, runs.get(i), Palette.run(i), true);
    }
    w.end();
    w.start("section", "class", "panels");
    Chart.Builder loss = Chart.builder("Loss").yLabel("loss");
    for (int i = 0; i < runs.size(); i++) {
      RunReport r = runs.get(i);
      double[] x = xs(r.curves());
      loss.line(r.name() + " validation", x, values(r.curves().valLoss()), Palette.run(i), Dash.SOLID);
      loss.line(new Chart.Line(r.name() + " training", x, values(r.curves().trainLoss()), Palette.run(i),
          Dash.DASHED, 1.5, false));
      int colour = i;
      r.diagnosis().bestEpoch().ifPresent(e -> loss.marker("best " + e + ": " + shortName(r.name()), e,
          Palette.run(colour), Dash.DASHED));
    }
    loss.build().render(w, "loss");
    if (runs.stream().anyMatch(r -> !r.curves().valAccuracy().isEmpty())) {
      Chart.Builder acc = Chart.builder("Accuracy").yLabel("accuracy").logY(false);
      Set<Integer> classes = new LinkedHashSet<>();
      for (int i = 0; i < runs.size(); i++) {
        RunReport r = runs.get(i);
        if (r.curves().valAccuracy().isEmpty()) {
          continue;
        }
        double[] x = xs(r.curves());
        acc.line(r.name() + " validation", x, values(r.curves().valAccuracy()), Palette.run(i), Dash.SOLID);
        acc.line(new Chart.Line(r.name() + " training", x, values(r.curves().trainAccuracy()), Palette.run(i),
            Dash.DASHED, 1.5, false));
        r.curves().classes().ifPresent(classes::add);
      }
      if (classes.size() == 1) {
        int k = classes.iterator().next();
        acc.reference("chance level 1/" + k + " = " + Numbers.fixed(1.0 / k, 3), 1.0 / k, "#777777");
      }
      acc.build().render(w, "accuracy");
    }
    if (runs.stream().anyMatch(RunReport::learningRateChanges)) {
      learningRateChart(runs).render(w, "lr");
    }
    if (runs.stream().anyMatch(r -> r.noiseScale().isPresent())) {
      noiseScaleChart(runs).render(w, "noise-scale");
    }
    w.end();
    comparisonTable(w);
  }

  private void comparisonTable(SvgWriter w) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(r -> keys.addAll(r.configuration().keySet()));
    runs.forEach(r -> keys.addAll(r.manifest().keySet()));
    if (keys.isEmpty()) {
      return;
    }
    w.start("section", "class", "table");
    w.text("h2", "Configuration");
    w.start("table");
    w.start("tr");
    w.text("th", "");
    for (RunReport r : runs) {
      w.text("th", r.name());
    }
    w.end();
    for (String k : keys) {
      List<String> cells = new ArrayList<>();
      for (RunReport r : runs) {
        String v = r.configuration().get(k);
        cells.add(v != null ? v : r.manifest().getOrDefault(k, ""));
      }
      boolean differs = cells.stream().distinct().count() > 1;
      w.start("tr", "class", differs ? "differs" : null);
      w.text("th", k);
      for (String c : cells) {
        w.text("td", c);
      }
      w.end();
    }
    w.end();
    w.end();
  }

  private static String shortName(String name) {
    return name.length() <= 18 ? name : name.substring(0, 17) + "\u2026";
  }

  // ---------------------------------------------------------------- shared parts

  private static void verdict(SvgWriter w, RunReport run, String colour, boolean named) {
    Diagnosis d = run.diagnosis();
    w.start("article", "class", "verdict verdict-" + d.verdict().name().toLowerCase(Locale.ROOT), "style",
        "border-left-color: " + colour);
    if (named) {
      w.text("h2", run.name(), "style", "color: " + colour);
    }
    w.text("p", d.verdict() + ": " + d.cause().description(), "class", "verdict-line");
    StringBuilder facts = new StringBuilder();
    facts.append(run.curves().size()).append(" epochs");
    d.bestEpoch().ifPresent(e -> facts.append("; best epoch ").append(e).append(" (validation loss ")
        .append(Numbers.significant(d.measures().bestValLoss(), 4)).append(')'));
    d.overfittingOnsetEpoch().ifPresent(e -> facts.append("; overfitting from epoch ").append(e));
    run.weightsFromEpoch().ifPresent(e -> facts.append("; final weights from epoch ").append(e));
    facts.append("; confidence ").append(Numbers.fixed(d.confidence(), 2));
    w.text("p", facts.toString(), "class", "facts");
    if (!d.reasons().isEmpty()) {
      w.text("h3", "Why");
      w.start("ul");
      d.reasons().forEach(r -> w.text("li", r));
      w.end();
    }
    if (!d.advice().isEmpty()) {
      w.text("h3", "What to try");
      w.start("ul");
      d.advice().forEach(a -> w.text("li", a));
      w.end();
    }
    if (d.verdict() == Verdict.INCONCLUSIVE) {
      w.text("p", "Inconclusive is an answer: the curves do not yet say more.", "class", "facts");
    }
    w.end();
  }

  private static void table(SvgWriter w, String heading, Map<String, String> rows) {
    if (rows.isEmpty()) {
      return;
    }
    w.start("section", "class", "table");
    w.text("h2", heading);
    w.start("table");
    rows.forEach((k, v) -> {
      w.start("tr");
      w.text("th", k);
      w.text("td", v);
      w.end();
    });
    w.end();
    w.end();
  }

  private static void measures(SvgWriter w, Diagnosis d) {
    w.start("details", "class", "table");
    w.text("summary", "Measures behind the verdict");
    w.start("table");
    d.measures().asMap().forEach((k, v) -> {
      w.start("tr");
      w.text("th", k);
      w.text("td", v instanceof Double x ? Numbers.significant(x, 4) : v.toString());
      w.end();
    });
    w.end();
    w.end();
  }

  private static final List<String> CSS = List.of(
      "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; margin: 24px;"
          + " color: #222; background: #fff; max-width: 1420px; }",
      "h1 { font-size: 22px; margin: 0 0 16px; }",
      "h2 { font-size: 16px; margin: 0 0 6px; }",
      "h3 { font-size: 13px; margin: 8px 0 2px; text-transform: uppercase; letter-spacing: 0.04em; color: #555; }",
      ".verdicts { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }",
      ".verdict { flex: 1 1 320px; border: 1px solid #ddd; border-left: 6px solid #0072B2; padding: 10px 14px;"
          + " border-radius: 4px; background: #fafafa; font-size: 14px; }",
      ".verdict-line { font-size: 18px; font-weight: 600; margin: 0 0 4px; }",
      ".verdict-healthy .verdict-line { color: #009E73; }",
      ".verdict-overfitting .verdict-line, .verdict-diverging .verdict-line { color: #D55E00; }",
      ".verdict-underfitting .verdict-line { color: #0072B2; }",
      ".verdict-inconclusive .verdict-line { color: #555; }",
      ".facts { color: #444; margin: 0 0 4px; }",
      "ul { margin: 2px 0 4px; padding-left: 20px; }",
      ".panels { display: flex; flex-wrap: wrap; gap: 12px; }",
      ".chart { border: 1px solid #e5e5e5; border-radius: 4px; background: #fff; max-width: 100%; height: auto; }",
      ".chart text { font-size: 11px; fill: #333; }",
      ".chart .chart-title { font-size: 14px; font-weight: 600; }",
      ".chart .chart-note { font-size: 10px; fill: #666; }",
      ".chart .axis-label { font-size: 12px; fill: #444; }",
      ".chart .marker-label { font-size: 11px; font-weight: 600; }",
      ".chart .grid line { stroke: #ececec; stroke-width: 1; }",
      ".chart .axis line { stroke: #888; stroke-width: 1; }",
      ".chart circle:hover { r: 5; }",
      ".table { margin-top: 16px; font-size: 13px; }",
      "table { border-collapse: collapse; }",
      "th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #eee; vertical-align: top; }",
      "th { font-weight: 600; color: #444; }",
      "tr.differs td { background: #fff4d6; }",
      "summary { cursor: pointer; font-weight: 600; }",
      ".footer { margin-top: 24px; font-size: 12px; color: #777; }");
}
