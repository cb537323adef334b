package dev.disciplina.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The driver of {@code disciplina bench}: runs each {@link Contestant} in its own JVM,
 * round-robin over the rounds (every contestant once per round, in a rotated order so that none
 * always runs first), and prints per contestant the median examples/s, the range, the ratio to
 * DJL's {@code EasyTrain} and the share of the machine's nominal peak; then the CPU time that the
 * rest of the machine used meanwhile (busy time from {@code /proc/stat} minus the contestants'
 * and this driver's own), so that a noisy run shows.
 *
 * <p>Arguments: {@code --rounds R} (3), {@code --epochs E} measured epochs (2) after {@code
 * --warmup W} (1), {@code --only a,b}, {@code --batch-sizes 128[,..]} (one table each), {@code
 * --model 784-256-128-10}, {@code --limit N} training examples (60,000), {@code --peak-gflops P}
 * (333, this machine's nominal fp32 peak), {@code --heap 4g}. Exit code 2 on bad arguments, 1
 * when a contestant failed.
 */
public final class Bench {

  private Bench() {}

  /** Parsed arguments. */
  record Options(int rounds, int epochs, int warmup, List<Contestant> contestants,
      int[] batchSizes, int[] layers, int limit, double peakGflops, String heap) {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(o, System.out));
  }

  static Options parse(String[] args) {
    int rounds = 3;
    int epochs = 2;
    int warmup = 1;
    List<Contestant> only = List.of(Contestant.values());
    int[] batchSizes = {128};
    int[] layers = Workload.parseModel(Workload.DEFAULT_MODEL);
    int limit = 60_000;
    double peak = 333;
    String heap = "4g";
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--rounds" -> rounds = positive(name, value, 1);
        case "--epochs" -> epochs = positive(name, value, 1);
        case "--warmup" -> warmup = positive(name, value, 0);
        case "--only" -> only = Contestant.parse(value);
        case "--batch-sizes" -> batchSizes = Arrays.stream(value.split(","))
            .mapToInt(v -> positive(name, v.trim(), 1)).toArray();
        case "--model" -> layers = Workload.parseModel(value);
        case "--limit" -> limit = positive(name, value, 1);
        case "--peak-gflops" -> peak = positive(name, value, 1);
        case "--heap" -> heap = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    new Workload(layers, batchSizes[0], warmup, epochs, 0.1, 0.9); // validates
    return new Options(rounds, epochs, warmup, only, batchSizes, layers, limit, peak, heap);
  }

  private static int positive(String option, String value, int least) {
    int v;
    try {
      v = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": expected a whole number, got '" + value
          + "'");
    }
    if (v < least) {
      throw new IllegalArgumentException(option + ": must be at least " + least + ", got " + v);
    }
    return v;
  }

  /** One contestant's runs in one table. */
  static final class Runs {
    final List<Double> rates = new ArrayList<>();
    final List<Double> losses = new ArrayList<>();
    String failure;
  }

  static int run(Options o, PrintStream out) throws IOException, InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "bench: %d rounds, %d warm-up + %d measured epochs, model %s, "
        + "%d cores, nominal peak %.0f GFLOP/s, each contestant in its own JVM (-Xmx%s)%n",
        o.rounds(), o.warmup(), o.epochs(), String.join("-",
            Arrays.stream(o.layers()).mapToObj(Integer::toString).toList()), cores,
        o.peakGflops(), o.heap());
    for (Contestant c : o.contestants()) {
      out.printf(Locale.ROOT, "  %-14s %s%s%n", c.label(), c.settings(),
          c.environment().isEmpty() ? "" : " " + c.environment());
    }
    boolean failed = false;
    String dataSource = null;
    for (int batch : o.batchSizes()) {
      Workload w = new Workload(o.layers(), batch, o.warmup(), o.epochs(), 0.1, 0.9);
      Map<Contestant, Runs> runs = new LinkedHashMap<>();
      for (Contestant c : o.contestants()) {
        runs.put(c, new Runs());
      }
      OptionalDouble busyBefore = MachineLoad.busySeconds();
      double ownBefore = ownCpuSeconds();
      long wallStart = System.nanoTime();
      double childCpu = 0;
      List<Contestant> order = o.contestants();
      for (int round = 0; round < o.rounds(); round++) {
        for (int j = 0; j < order.size(); j++) {
          Contestant c = order.get((j + round) % order.size());
          Runs r = runs.get(c);
          if (r.failure != null) {
            continue;
          }
          Result result = fork(c, w, o);
          childCpu += result.cpuSeconds;
          if (result.failure != null) {
            r.failure = result.failure;
            failed = true;
          } else {
            r.rates.add(result.examplesPerSecond);
            r.losses.add(result.loss);
            dataSource = result.data;
          }
        }
      }
      double wall = (System.nanoTime() - wallStart) / 1e9;
      double own = ownCpuSeconds() - ownBefore;
      OptionalDouble busyAfter = MachineLoad.busySeconds();
      out.println();
      out.printf(Locale.ROOT, "batch %d, %s (%s), %.2f MFLOP per example%n", batch, w.model(),
          dataSource == null ? "no data loaded" : dataSource, w.flopsPerExample() / 1e6);
      printTable(out, runs, w, o.peakGflops());
      if (busyBefore.isPresent() && busyAfter.isPresent()) {
        double busy = busyAfter.getAsDouble() - busyBefore.getAsDouble();
        double rest = Math.max(0, busy - childCpu - own);
        out.printf(Locale.ROOT, "rest of the machine: %.1f CPU-seconds during the %.0f s run "
            + "(%.0f%% of %d cores; the contestants used %.1f, this driver %.1f)%n", rest, wall,
            100 * rest / (wall * cores), cores, childCpu, own);
      } else {
        out.println("rest of the machine: unknown (no " + MachineLoad.PROC_STAT + ")");
      }
    }
    out.flush();
    return failed ? 1 : 0;
  }

  static void printTable(PrintStream out, Map<Contestant, Runs> runs, Workload w, double peak) {
    Runs base = runs.get(Contestant.BASELINE);
    double baseMedian = base == null || base.rates.isEmpty() ? Double.NaN : median(base.rates);
    out.printf(Locale.ROOT, "%-14s %21s %17s %22s %13s %12s%n", "NAME", "MEDIAN_EXAMPLES_PER_S",
        "MIN-MAX", "RATIO_TO_DJL_EASYTRAIN", "SHARE_OF_PEAK", "(last loss)");
    for (Map.Entry<Contestant, Runs> e : runs.entrySet()) {
      Runs r = e.getValue();
      if (r.rates.isEmpty()) {
        out.printf(Locale.ROOT, "%-14s failed: %s%n", e.getKey().label(), r.failure);
        continue;
      }
      double med = median(r.rates);
      double min = r.rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = r.rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      String ratio = Double.isNaN(baseMedian) ? "-"
          : String.format(Locale.ROOT, "%.2fx", med / baseMedian);
      double share = med * w.flopsPerExample() / (peak * 1e9);
      out.printf(Locale.ROOT, "%-14s %21.0f %17s %22s %12.1f%% %12.4f%s%n", e.getKey().label(),
          med, String.format(Locale.ROOT, "%.0f-%.0f", min, max), ratio, 100 * share,
          r.losses.get(r.losses.size() - 1),
          r.failure == null ? "" : "  (a later run failed: " + r.failure + ")");
    }
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double ownCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** What a contestant's JVM reported. */
  record Result(double examplesPerSecond, double loss, double cpuSeconds, String data,
      String failure) {}

  /** Runs one contestant in a new JVM on this JVM's java and class path. */
  static Result fork(Contestant c, Workload w, Options o) throws IOException,
      InterruptedException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + o.heap(),
        "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"));
    if (Runtime.version().feature() >= 24) {
      command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow"));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ContestantMain.class.getName(), c.label(), w.model(), Integer.toString(w.batchSize()),
        Integer.toString(w.warmupEpochs()), Integer.toString(w.epochs()),
        Integer.toString(o.limit()), Double.toString(w.learningRate()),
        Double.toString(w.momentum())));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("OMP_WAIT_POLICY");
    pb.environment().putAll(c.environment());
    Path log = Files.createTempFile("disciplina-bench-" + c.label() + "-", ".log");
    pb.redirectError(log.toFile());
    Process p = pb.start();
    String result = null;
    String data = null;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else if (line.startsWith("DATA ")) {
          data = line.substring(5);
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || result == null) {
      List<String> err = Files.readAllLines(log, StandardCharsets.UTF_8);
      String last = err.stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING"))
          .reduce((a, b) -> b).orElse("no output");
      return new Result(0, 0, 0, data, "exit code " + exit + ": " + last + " (log: " + log + ")");
    }
    Files.deleteIfExists(log);
    Map<String, Double> fields = new LinkedHashMap<>();
    for (String kv : result.substring(7).split(" ")) {
      String[] parts = kv.split("=", 2);
      fields.put(parts[0], Double.parseDouble(parts[1]));
    }
    return new Result(fields.get("examples_per_s"), fields.get("loss"), fields.get("cpu_s"), data,
        null);
  }
}
