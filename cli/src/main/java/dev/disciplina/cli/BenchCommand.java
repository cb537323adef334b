package dev.disciplina.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disciplina bench}: the fair training-throughput benchmark. The cli does not depend on the
 * benchmarks module (DESIGN.md): this command starts its driver, {@code
 * dev.disciplina.benchmarks.Bench}, in a new JVM on that module's own jar and {@code target/lib},
 * which forks one JVM per contestant and run; its output and exit code are passed through.
 */
@Command(name = "bench", description = "Training throughput of every backend beside DJL's "
    + "EasyTrain, a hand-written DJL loop and DL4J's fit: each contestant in its own JVM, "
    + "round-robin, medians (takes about 10 minutes with the defaults).")
final class BenchCommand implements Callable<Integer> {

  static final String DRIVER = "dev.disciplina.benchmarks.Bench";

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
      description = "Rounds; every contestant runs once per round (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "2",
      description = "Measured epochs per run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "1",
      description = "Unmeasured warm-up epochs per run (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--only", paramLabel = "NAMES", split = ",",
      description = "Run only these contestants: trainer-cpu, trainer-nd4j, trainer-djl, "
          + "loop-cpu, djl-easytrain, djl-loop, dl4j-fit (default: all).")
  List<String> only;

  @Option(names = "--batch-sizes", paramLabel = "N[,N...]", split = ",", defaultValue = "128",
      description = "Batch sizes, one table each (default: ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--model", paramLabel = "WIDTHS", defaultValue = "784-256-128-10",
      description = "Layer widths of the MLP (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "60000",
      description = "Training examples (default: ${DEFAULT-VALUE}, all of Fashion-MNIST).")
  int limit;

  @Option(names = "--peak-gflops", paramLabel = "P", defaultValue = "333",
      description = "The machine's nominal fp32 peak, for SHARE_OF_PEAK (default: "
          + "${DEFAULT-VALUE}, 2 cores x 2.6 GHz x 2 FMA x 16 lanes x 2).")
  int peakGflops;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "4g",
      description = "-Xmx of each contestant's JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (rounds < 1 || epochs < 1 || warmup < 0 || limit < 1 || peakGflops < 1) {
      throw new UsageException("--rounds, --epochs, --limit and --peak-gflops must be at least "
          + "1, --warmup at least 0");
    }
    for (int b : batchSizes) {
      if (b < 1) {
        throw new UsageException("--batch-sizes: a batch size must be at least 1, got " + b);
      }
    }
    Path target = root().resolve("benchmarks").resolve("target");
    Path jar = benchmarksJar(target);
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
    if (Runtime.version().feature() >= 24) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + target.resolve("lib") + "/*",
        DRIVER, "--rounds", Integer.toString(rounds), "--epochs", Integer.toString(epochs),
        "--warmup", Integer.toString(warmup), "--model", model, "--limit",
        Integer.toString(limit), "--peak-gflops", Integer.toString(peakGflops), "--heap", heap,
        "--batch-sizes", String.join(",", batchSizes.stream().map(String::valueOf).toList())));
    if (only != null) {
      command.addAll(List.of("--only", String.join(",", only)));
    }
    Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor();
  }

  /** The repository root: the cli jar (or classes directory) is in {@code cli/target}. */
  static Path root() {
    String home = System.getProperty("disciplina.home");
    if (home != null) {
      return Path.of(home);
    }
    try {
      Path here = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      // cli/target/disciplina-cli-*.jar or cli/target/classes
      return here.getParent().getParent().getParent();
    } catch (URISyntaxException | RuntimeException e) {
      throw new UsageException("bench: cannot tell where the repository is; set "
          + "-Ddisciplina.home=DIR (through DISCIPLINA_JAVA_OPTS)", e);
    }
  }

  static Path benchmarksJar(Path target) throws IOException {
    String build = "build it with: mvn -B -q -DskipTests package";
    if (!Files.isDirectory(target.resolve("lib"))) {
      throw new UsageException(String.format(Locale.ROOT,
          "bench: the benchmarks module is not built (%s has no lib/); %s", target, build));
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> {
        String n = f.getFileName().toString();
        return n.startsWith("disciplina-benchmarks-") && n.endsWith(".jar")
            && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
      }).findFirst().orElseThrow(() -> new UsageException("bench: " + target
          + " has no disciplina-benchmarks jar; " + build));
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
