package dev.disciplina.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code /metrics} in the Prometheus text format 0.0.4 from a Micrometer {@link
 * PrometheusMeterRegistry}, on the JDK's {@link HttpServer}. The response carries {@value
 * #CONTENT_TYPE} (Prometheus 3 refuses a scrape without a content type). Other paths answer 404,
 * other methods than GET and HEAD 405.
 *
 * <p>Owned by the command that starts it: {@link #start} binds the port at once (so a port in use
 * is an error before training starts), {@link #close()} stops the server. Scrapes run on one
 * daemon thread while training runs on another; the registry is thread-safe.
 */
final class MetricsEndpoint implements AutoCloseable {

  /** The content type of the Prometheus text exposition format 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(PrometheusMeterRegistry registry, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and starts serving a new registry.
   *
   * @throws UsageException naming the address when the host is unknown or the port is in use
   */
  static MetricsEndpoint start(String host, int port) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UsageException("--metrics-host " + host + ": unknown host");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (BindException e) {
      throw new UsageException("--metrics-port " + port + ": cannot listen on " + host + ":" + port + " ("
          + e.getMessage() + "; is another process using the port?)");
    } catch (IOException e) {
      throw new UsageException("--metrics-port " + port + ": cannot listen on " + host + ":" + port + " ("
          + e.getMessage() + ")");
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "disciplina-metrics");
      t.setDaemon(true);
      return t;
    });
    MetricsEndpoint endpoint = new MetricsEndpoint(registry, server, executor);
    server.createContext("/", endpoint::handle);
    server.setExecutor(executor);
    server.start();
    return endpoint;
  }

  /** The registry the run's meters go to. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port served (the one chosen when 0 was asked for). */
  int port() {
    return server.getAddress().getPort();
  }

  /** The address to scrape, e.g. {@code http://127.0.0.1:9400/metrics}. */
  String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/metrics";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        respond(exchange, 404, "not found: scrape /metrics\n", method);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "method not allowed\n", method);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      byte[] body = registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
      send(exchange, 200, body, method);
    }
  }

  private static void respond(HttpExchange exchange, int status, String text, String method) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(exchange, status, text.getBytes(StandardCharsets.UTF_8), method);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String method) throws IOException {
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops serving and closes the registry. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    registry.close();
  }
}
