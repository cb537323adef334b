/**
 * The drawing layer of the reports: a small deterministic SVG writer ({@link
 * dev.disciplina.report.chart.SvgWriter}), number formatting that never depends on the locale
 * ({@link dev.disciplina.report.chart.Numbers}), axes with round tick values on linear and log
 * scales ({@link dev.disciplina.report.chart.Scale}), a colour-blind-safe palette ({@link
 * dev.disciplina.report.chart.Palette}) and one chart panel ({@link
 * dev.disciplina.report.chart.Chart}) with lines, bands, reference lines, markers and a legend.
 *
 * <p>Everything here is pure Java with no AWT and no chart library, and writes the same bytes for
 * the same input on every machine, so the pages built on it are compared with golden files.
 */
package dev.disciplina.report.chart;
