package dev.disciplina.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Scope;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many training steps (DJL issues 1317 and 2210 report leaks in
 * training loops). Two checks: the exact one — no PyTorch tensor outlives its scope — and the
 * coarse one — the floor of resident memory (VmRSS) does not rise over thousands of steps.
 */
@DisplayName("The djl backend's native memory")
class DjlNativeMemoryTest {

  /** Steps measured after warm-up; {@code -Ddjl.leak.iterations=...} to change. */
  private static final int ITERATIONS = Integer.getInteger("djl.leak.iterations", 4_000);
  private static final int WARMUP = 2_000;
  /**
   * Rise allowed. Leaking the step's input (128 KB) would add about 375 MB between the
   * quarters; smaller leaks of tensors are caught exactly by {@link #noTensorOutlivesItsScope()}.
   */
  private static final long BOUND_KB = 32 * 1024;

  static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  @Test
  @DisplayName("frees every tensor of a training step when the step's scope closes")
  void noTensorOutlivesItsScope() {
    DjlBackend backend = Ref.backend();
    try (Scope model = Scope.open(backend)) {
      MlpStep mlp = new MlpStep(32, 40, 24, 5, 7);
      int fresh = backend.liveArrays();
      mlp.step(); // fills this thread's cache of scalar operands
      int before = backend.liveArrays();
      assertThat(before - fresh).as("cached scalars").isLessThanOrEqualTo(ScalarCache.CAPACITY);
      for (int i = 0; i < 50; i++) {
        mlp.step();
        assertThat(backend.liveArrays()).as("live PyTorch tensors after step " + i)
            .isEqualTo(before);
      }
    }
  }

  @Test
  @DisplayName("resident memory stays flat over thousands of MLP training steps")
  void residentMemoryStaysFlat() throws IOException {
    DjlBackend backend = Ref.backend();
    try (Scope model = Scope.open(backend)) {
      MlpStep mlp = new MlpStep(128, 256, 128, 10, 11);
      long fresh = residentKb();
      for (int i = 0; i < WARMUP; i++) {
        mlp.step();
      }
      // glibc's allocator keeps and returns freed memory in bursts, so resident memory swings
      // by tens of MB without leaking; a leak raises the floor. Compare the lowest sample of the
      // first and the last quarter.
      int every = 50;
      long[] samples = new long[ITERATIONS / every];
      long t0 = System.nanoTime();
      for (int i = 0; i < samples.length * every; i++) {
        mlp.step();
        if ((i + 1) % every == 0) {
          samples[i / every] = residentKb();
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int quarter = samples.length / 4;
      long early = Long.MAX_VALUE;
      long late = Long.MAX_VALUE;
      long peak = 0;
      for (int i = 0; i < samples.length; i++) {
        if (i < quarter) {
          early = Math.min(early, samples[i]);
        }
        if (i >= samples.length - quarter) {
          late = Math.min(late, samples[i]);
        }
        peak = Math.max(peak, samples[i]);
      }
      System.out.printf(
          "djl native memory: %d MLP steps (128x256-128-10 plus probes) after %d of warm-up, in"
              + " %.1f s (%.0f us/step); VmRSS %d MB before warm-up; lowest %d MB in the first"
              + " quarter, %d MB in the last (%+d KB), peak %d MB; %d live PyTorch tensors;"
              + " Java heap committed %d MB%n",
          samples.length * every, WARMUP, seconds, seconds * 1e6 / (samples.length * every),
          fresh >> 10, early >> 10, late >> 10, late - early, peak >> 10, backend.liveArrays(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
      assertThat(late - early).as("rise of the VmRSS floor in KB").isLessThan(BOUND_KB);
    }
  }
}
