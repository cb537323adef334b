package dev.disciplina.cli;

import dev.disciplina.report.ReportPage;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Rewrites a run's HTML page after every epoch, atomically, so that a browser refresh shows the
 * run as it goes and a crash leaves the page of the epochs that finished.
 */
final class ReportListener implements TrainingListener {

  private final Path file;
  private final String name;
  private final Map<String, String> configuration;
  private final OptionalDouble majority;

  ReportListener(Path file, String name, Map<String, String> configuration, OptionalDouble majority) {
    this.file = file;
    this.name = name;
    this.configuration = new LinkedHashMap<>(configuration);
    this.majority = majority;
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult epoch) {
    int classes = context.train().isClassification() ? context.train().classCount() : 0;
    try {
      ReportPage.single(RunReports.inProgress(name, context.epochs(), classes,
          configuration, majority)).write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
