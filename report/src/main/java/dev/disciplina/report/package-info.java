/**
 * Learning curves and diagnoses in, pictures out. {@link dev.disciplina.report.RunReport} is one
 * run to draw (its curves, its diagnosis, its configuration); {@link
 * dev.disciplina.report.ReportPage} makes a self-contained HTML page of one run or of several
 * runs on the same axes (inline SVG and CSS, no script, no network); {@link
 * dev.disciplina.report.TerminalPlot} draws curves as text for a terminal.
 *
 * <p>Depends on the diagnostics module only. Output is deterministic: the same runs give the same
 * bytes, which the tests compare with golden files.
 */
package dev.disciplina.report;
