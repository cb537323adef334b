package dev.disciplina.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The main class of one contestant's JVM: {@code ContestantMain NAME MODEL BATCH WARMUP EPOCHS
 * LIMIT LR MOMENTUM}. Prints one line, {@code RESULT examples_per_s=... loss=... cpu_s=...}
 * ({@code cpu_s}: this process's CPU time, all threads, so that the driver can tell the machine's
 * other load apart), or an error on standard error and exit code 1.
 */
public final class ContestantMain {

  private ContestantMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println("usage: ContestantMain NAME MODEL BATCH WARMUP EPOCHS LIMIT LR MOMENTUM");
      System.exit(2);
    }
    Contestant contestant = Contestant.named(args[0]);
    int[] layers = Workload.parseModel(args[1]);
    Workload w = new Workload(layers, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
        Integer.parseInt(args[4]), Double.parseDouble(args[6]), Double.parseDouble(args[7]));
    TrainingData data = TrainingData.load(Integer.parseInt(args[5]), layers[0],
        layers[layers.length - 1]);
    System.out.println("DATA " + data.source() + ", " + data.train().size() + " examples");
    Measured m = contestant.run(w, data);
    long cpu = ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf(Locale.ROOT, "RESULT examples_per_s=%.1f loss=%.6f cpu_s=%.3f%n",
        m.examplesPerSecond(), m.finalLoss(), cpu / 1e9);
    System.out.flush();
    // Engines leave non-daemon threads behind (OpenMP, DJL's cleaner): end the JVM explicitly.
    System.exit(0);
  }
}
