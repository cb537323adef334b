package dev.disciplina.cli;

import dev.disciplina.api.data.Split;
import dev.disciplina.report.ReportPage;
import dev.disciplina.report.RunReport;
import dev.disciplina.trainer.manifest.RunManifests;
import java.nio.file.Files;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TrainingListener;
import dev.disciplina.trainer.TrainingMeters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The train options that show a run as it goes: {@code --report FILE.html} (the run's page,
 * rewritten atomically after every epoch) and {@code --metrics-port PORT [--metrics-host HOST]}
 * (a Prometheus endpoint for the run's Micrometer meters, served until the run ends). A picocli
 * mixin of {@link TrainCommand}; one instance per command invocation.
 */
final class ReportOptions {

  @Option(names = "--report", paramLabel = "FILE.html", description = "Write the run's HTML page: "
      + "loss and metric curves, verdict, configuration; rewritten atomically after every epoch.")
  Path report;

  @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve the run's meters at "
      + "http://HOST:PORT/metrics in the Prometheus text format until the run ends (0: any free port).")
  Integer metricsPort;

  @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address the metrics endpoint listens on (default: ${DEFAULT-VALUE}).")
  String metricsHost;

  private MetricsEndpoint endpoint;
  private String name;
  private Map<String, String> configuration;
  private OptionalDouble majority;

  /** Checks the options before any slow work. */
  void check() {
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new UsageException("--metrics-port must be in 0..65535, got " + metricsPort);
    }
    if (report != null && report.getFileName() == null) {
      throw new UsageException("--report needs a file name, got " + report);
    }
  }

  /**
   * Before training: binds the metrics port (a port in use fails here, before the first epoch)
   * and adds the listeners these options need.
   */
  void start(PrintWriter out, List<TrainingListener> listeners, Recipe recipe, String dataset, String backend,
      Split split) {
    name = dataset + " " + recipe.model();
    configuration = RunReports.configuration(recipe, dataset, backend, split);
    majority = RunReports.majorityBaseline(split);
    if (metricsPort != null) {
      endpoint = MetricsEndpoint.start(metricsHost, metricsPort);
      listeners.add(new TrainingMeters(endpoint.registry()));
      out.println("metrics: " + endpoint.url());
      out.flush();
    }
    if (report != null) {
      listeners.add(new ReportListener(report, name, configuration, majority));
    }
  }

  /** After training, whether it succeeded or not: stops serving metrics. */
  void stop() {
    if (endpoint != null) {
      endpoint.close();
      endpoint = null;
    }
  }

  /**
   * After a finished run: writes the final page, with the run's manifest when {@code runDir}
   * holds one, and says where it is.
   */
  void finish(History h, PrintWriter out, Path runDir) throws IOException {
    if (report != null) {
      RunReport page = RunReports.finished(name, h, configuration, majority);
      if (runDir != null && Files.isRegularFile(runDir.resolve(RunManifests.FILE_NAME))) {
        page = page.withManifest(RunReports.manifestTable(RunManifests.read(runDir)));
      }
      ReportPage.single(page).write(report);
      out.println("report: " + report);
    }
  }
}
