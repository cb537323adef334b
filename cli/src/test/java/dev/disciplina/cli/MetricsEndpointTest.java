package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import dev.disciplina.trainer.TrainingMeters;
import io.micrometer.core.instrument.Meter;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the Prometheus endpoint")
class MetricsEndpointTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double value(String scrape, String metric) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*\\} (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("%s in the scrape:%n%s", metric, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static History train(TrainingConfig config, List<TrainingListener> listeners) {
    return new Trainer(config, Backends.named("cpu"), listeners).fit(
        Experiment.of(rng -> new Linear(4, 3, rng), m -> Adam.adam(m.parameters()).learningRate(0.05).build(),
            Loss.softmaxCrossEntropy()),
        Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)).standardized());
  }

  @Test
  @DisplayName("a scrape during a run shows the loss gauges, the iteration counter and the epoch timer as of that moment")
  void scrapeDuringRun() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      List<HttpResponse<String>> scrapes = new ArrayList<>();
      List<EpochResult> seen = new ArrayList<>();
      List<Long> iterations = new ArrayList<>();
      TrainingListener scraper = new TrainingListener() {
        @Override
        public void onEpochEnd(TrainingContext context, EpochResult epoch) {
          if (epoch.epoch() == 2) {
            try {
              scrapes.add(get(endpoint.url()));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            seen.add(epoch);
            iterations.add(context.iteration());
          }
        }
      };
      TrainingMeters meters = new TrainingMeters(endpoint.registry());
      train(TrainingConfig.builder().epochs(4).batchSize(16).build(), List.of(meters, scraper));
      assertThat(scrapes).hasSize(1);
      HttpResponse<String> r = scrapes.get(0);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      String body = r.body();
      assertThat(value(body, "disciplina_training_loss")).isEqualTo(seen.get(0).trainLoss());
      assertThat(value(body, "disciplina_validation_loss")).isEqualTo(seen.get(0).validationLoss());
      assertThat(value(body, "disciplina_training_batch_loss")).isFinite();
      assertThat(value(body, "disciplina_training_iterations_total")).isEqualTo((double) iterations.get(0));
      assertThat(value(body, "disciplina_training_epoch_seconds_count")).isEqualTo(2.0);
      assertThat(value(body, "disciplina_training_epoch_seconds_sum")).isPositive();
      assertThat(value(body, "disciplina_validation_metric")).isBetween(0.0, 1.0);
      assertThat(body).contains("# TYPE disciplina_training_iterations_total counter",
          "# TYPE disciplina_training_loss gauge", "# TYPE disciplina_training_epoch_seconds summary");
    }
  }

  @Test
  @DisplayName("only /metrics is served, to GET and HEAD; other paths answer 404")
  void paths() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + endpoint.port();
      assertThat(get(base + "/").statusCode()).isEqualTo(404);
      HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(200);
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  @DisplayName("meters with the same name always have the same tag keys, across runs and metrics (Micrometer #877, #2540)")
  void sameTagKeys() {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
      // a Prometheus registry drops (or here: refuses) a meter whose tag keys differ from an earlier one's
      endpoint.registry().throwExceptionOnRegistrationFailure();
      TrainingMeters meters = new TrainingMeters(endpoint.registry());
      train(TrainingConfig.builder().epochs(2).batchSize(16).build(), List.of(meters));
      train(TrainingConfig.builder().epochs(2).batchSize(32).build(), List.of(meters));
      Map<String, Set<Set<String>>> keys = new HashMap<>();
      for (Meter m : endpoint.registry().getMeters()) {
        keys.computeIfAbsent(m.getId().getName(), k -> new java.util.HashSet<>())
            .add(m.getId().getTags().stream().map(t -> t.getKey()).collect(Collectors.toSet()));
      }
      assertThat(keys).isNotEmpty();
      keys.forEach((name, sets) -> assertThat(sets).as("tag key sets of %s", name).hasSize(1));
      assertThat(endpoint.registry().getMeters().stream().map(m -> m.getId().getTag("run")).distinct()).hasSize(2);
      assertThat(endpoint.registry().scrape()).contains("disciplina_training_loss");
    }
  }

  @Test
  @DisplayName("train --metrics-port on a port in use is one line and exit code 2, before any epoch")
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      MainTest.Result r = MainTest.run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "2",
          "--metrics-port", Integer.toString(taken.getLocalPort()));
      MainTest.assertUsageError(r, "--metrics-port " + taken.getLocalPort());
      assertThat(r.out()).doesNotContain("epoch 1/");
    }
  }

  @Test
  @DisplayName("train --metrics-port 0 serves on a free loopback port and says where")
  void commandServes() {
    MainTest.Result r = MainTest.run("train", "--backend", "cpu", "--dataset", "iris", "--epochs", "2", "--quiet",
        "--metrics-port", "0");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
    assertThat(r.out().toLowerCase(Locale.ROOT)).contains("verdict: ");
  }
}
