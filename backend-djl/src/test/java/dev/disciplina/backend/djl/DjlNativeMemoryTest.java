package dev.disciplina.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many training steps (DJL issues 1317 and 2210 report leaks in
 * training loops). Two checks: the exact one — no PyTorch tensor outlives its scope — and the
 * coarse one — resident memory (VmRSS) after thousands of steps is within a generous bound of
 * what it was after warm-up.
 */
@DisplayName("The djl backend's native memory")
class DjlNativeMemoryTest {

  /** Steps measured after warm-up; {@code -Ddjl.leak.iterations=...} to change. */
  private static final int ITERATIONS = Integer.getInteger("djl.leak.iterations", 4_000);
  private static final int WARMUP = 2_000;
  /**
   * Growth allowed. Leaking the step's input (128 KB) would add 500 MB; smaller leaks of
   * tensors are caught exactly by {@link #noTensorOutlivesItsScope()}.
   */
  private static final long BOUND_KB = 64 * 1024;

  static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private static long settledResidentKb() throws IOException {
    System.gc();
    return residentKb();
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
      long fresh = settledResidentKb();
      for (int i = 0; i < WARMUP; i++) {
        mlp.step();
      }
      long start = settledResidentKb();
      long peak = start;
      long t0 = System.nanoTime();
      for (int i = 1; i <= ITERATIONS; i++) {
        mlp.step();
        if (i % 1_000 == 0) {
          peak = Math.max(peak, residentKb());
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long end = settledResidentKb();
      System.out.printf(
          "djl native memory: %d MLP steps (128x256-128-10 plus probes) in %.1f s (%.0f us/step);"
              + " VmRSS %d MB before warm-up, %d MB after, %d MB at the end, peak %d MB,"
              + " growth %+d KB%n",
          ITERATIONS, seconds, seconds * 1e6 / ITERATIONS, fresh / 1024, start / 1024,
          end / 1024, peak / 1024, end - start);
      assertThat(end - start).as("VmRSS growth in KB over " + ITERATIONS + " steps")
          .isLessThan(BOUND_KB);
    }
  }
}
