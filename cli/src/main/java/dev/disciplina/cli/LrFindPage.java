package dev.disciplina.cli;

import dev.disciplina.report.chart.Chart;
import dev.disciplina.report.chart.Palette;
import dev.disciplina.report.chart.Scale;
import dev.disciplina.report.chart.SvgWriter;
import dev.disciplina.trainer.checkpoint.AtomicFiles;
import dev.disciplina.trainer.lrfind.LrSuggestion;
import dev.disciplina.trainer.lrfind.LrSweep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The learning-rate sweep as a self-contained HTML page: the batch and smoothed losses against a
 * log-scale learning rate with the suggestion marked, the stop reason and the suggestion in words.
 * Inline SVG, no script; written atomically.
 */
final class LrFindPage {

  private LrFindPage() {}

  static String html(String title, LrSweep sweep) {
    double[] lrs = sweep.learningRates();
    double[] smoothed = sweep.smoothedLosses();
    double[] raw = sweep.losses();
    double top = 4 * Arrays.stream(smoothed).filter(Double::isFinite).min().orElse(1);
    double[] shownRaw = Arrays.stream(raw).map(v -> Double.isFinite(v) ? Math.min(v, top) : Double.NaN)
        .toArray();
    Chart.Builder b = Chart.builder("loss against learning rate").xLabel("learning rate (log scale)")
        .yLabel("loss").xScale(Scale.log(lrs[0], lrs[lrs.length - 1]))
        .line("batch loss (capped at 4x the best smoothed)", lrs, shownRaw, Palette.SKY_BLUE,
            Chart.Dash.DOTTED)
        .line("smoothed loss", lrs, smoothed, Palette.BLUE, Chart.Dash.SOLID);
    LrSuggestion s = sweep.suggestion();
    if (s.found()) {
      b.marker(String.format(Locale.ROOT, "suggested %.2e", s.learningRate().getAsDouble()),
          s.learningRate().getAsDouble(), Palette.VERMILLION, Chart.Dash.DASHED);
    }
    SvgWriter w = new SvgWriter();
    w.raw("<!DOCTYPE html>");
    w.start("html", "lang", "en");
    w.start("head");
    w.empty("meta", "charset", "utf-8");
    w.text("title", title);
    w.text("style", "body{font-family:sans-serif;margin:2em;max-width:60em}");
    w.end();
    w.start("body");
    w.text("h1", title);
    b.build().render(w, "lr-find");
    w.text("p", "stopped: " + sweep.stopReason());
    w.text("p", s.reason());
    w.text("p", s.found() ? String.format(Locale.ROOT, "suggested learning rate: %.2e",
        s.learningRate().getAsDouble()) : "suggested learning rate: none");
    w.end();
    w.end();
    return w.toString();
  }

  static void write(Path file, String title, LrSweep sweep) throws IOException {
    AtomicFiles.write(file, html(title, sweep).getBytes(StandardCharsets.UTF_8));
  }
}
