package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a crash costs: a {@code train --checkpoint-dir} run in a child JVM is killed with SIGKILL
 * in the middle of an epoch, {@code train --resume} continues it, and the result is the
 * uninterrupted run's — the history equal but for {@code seconds}, the {@code --save-model} file
 * equal byte for byte.
 */
@DisplayName("a killed training run resumed from its checkpoint")
class KilledRunResumesTest {

  private static final Pattern CHECKPOINT = Pattern.compile("ckpt-[0-9]+-([0-9]+)-([0-9]+)");

  @TempDir Path dir;

  private static List<String> trainArgs(String backend) {
    return List.of("train", "--backend", backend, "--dataset", "digits", "--epochs", "3",
        "--batch-size", "16", "--dropout", "0.2", "--optimizer", "adamw", "--seed", "3",
        "--quiet");
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"cpu", "nd4j", "djl"})
  @DisplayName("ends with the uninterrupted run's history (but for seconds) and bit-identical weights")
  void killedAndResumed(String backend) throws Exception {
    List<String> whole = new ArrayList<>(trainArgs(backend));
    whole.addAll(List.of("--history", dir.resolve("whole.csv").toString(), "--save-model",
        dir.resolve("whole.safetensors").toString()));
    assertThat(MainTest.run(whole.toArray(String[]::new)).code()).isZero();

    Path checkpoints = dir.resolve("checkpoints");
    List<String> killed = new ArrayList<>(trainArgs(backend));
    killed.addAll(List.of("--checkpoint-dir", checkpoints.toString(),
        "--checkpoint-every-steps", "25", "--keep-last", "2"));
    killMidEpoch(killed, checkpoints);

    MainTest.Result resumed = MainTest.run("train", "--resume", checkpoints.toString(),
        "--history", dir.resolve("resumed.csv").toString(), "--save-model",
        dir.resolve("resumed.safetensors").toString(), "--quiet");
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming from");
    assertThat(withoutSeconds(dir.resolve("resumed.csv")))
        .isEqualTo(withoutSeconds(dir.resolve("whole.csv")));
    assertThat(Files.readAllBytes(dir.resolve("resumed.safetensors")))
        .isEqualTo(Files.readAllBytes(dir.resolve("whole.safetensors")));
  }

  /** Starts the run in a child JVM and kills it once a checkpoint inside epoch 2 or later exists. */
  private static void killMidEpoch(List<String> args, Path checkpoints) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(checkpoints.resolveSibling("child.log").toFile());
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process child = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (midEpochCheckpoint(checkpoints).isEmpty()) {
        assertThat(child.isAlive()).as("the child ended before a mid-epoch checkpoint: %s",
            Files.readString(checkpoints.resolveSibling("child.log"))).isTrue();
        assertThat(System.nanoTime()).as("no mid-epoch checkpoint in 120 s").isLessThan(deadline);
        Thread.sleep(2);
      }
      assertThat(child.isAlive()).as("the child still trains when it is killed").isTrue();
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
  }

  private static Optional<Path> midEpochCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(checkpoints)) {
      return s.filter(p -> {
        Matcher m = CHECKPOINT.matcher(p.getFileName().toString());
        return m.matches() && Integer.parseInt(m.group(1)) >= 2
            && Integer.parseInt(m.group(2)) > 0;
      }).findFirst();
    }
  }

  /** The history's lines without the last column, {@code seconds}. */
  private static List<String> withoutSeconds(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }
}
