package dev.disciplina.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The CPU time the whole machine spent busy, from the first line of {@code /proc/stat} (user,
 * nice, system, irq, softirq and steal clock ticks; 100 ticks a second, Linux's {@code USER_HZ}
 * on every architecture it exports to user space). Empty where there is no {@code /proc/stat}.
 */
final class MachineLoad {

  static final Path PROC_STAT = Path.of("/proc/stat");
  private static final double TICKS_PER_SECOND = 100.0;

  private MachineLoad() {}

  /** Busy CPU-seconds of all cores since boot. */
  static OptionalDouble busySeconds() {
    try {
      String first = Files.readAllLines(PROC_STAT).get(0);
      return OptionalDouble.of(parseBusySeconds(first));
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  /** Busy seconds from a {@code cpu  user nice system idle iowait irq softirq steal ...} line. */
  static double parseBusySeconds(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 9) {
      throw new IllegalArgumentException("/proc/stat: unexpected first line '" + cpuLine + "'");
    }
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(f[i]);
    }
    return busy / TICKS_PER_SECOND;
  }
}
