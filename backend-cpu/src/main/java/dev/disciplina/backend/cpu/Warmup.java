package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import dev.disciplina.api.tensor.ReduceOp;
import dev.disciplina.api.tensor.UnaryOp;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the kernels compiled by C2 before they are needed.
 *
 * <p>Vector API code is only fast once C2 has compiled it: interpreted or compiled by C1 every
 * vector is a heap object, and a kernel runs hundreds of times slower. On a busy two-core machine
 * C2 needs many seconds to reach every kernel of a training step, so the first iterations of a
 * run would take seconds each. The first {@link CpuBackend} made in a JVM therefore starts one
 * low-priority daemon thread that runs every kernel on small private arrays (no tensors, no
 * scopes, its own buffer pool) for a bounded number of rounds, then ends. It changes no result:
 * the kernels are deterministic, and compiled and interpreted code give the same bits. Disable it
 * with {@code -Ddisciplina.cpu.warmup=false}.
 */
final class Warmup {

  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final boolean ENABLED =
      Boolean.parseBoolean(System.getProperty("disciplina.cpu.warmup", "true"));
  private static final int ROUNDS = 1000;

  private Warmup() {}

  /** Starts the warm-up thread once per JVM, unless disabled. */
  static void startOnce() {
    if (!ENABLED || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(Warmup::run, "disciplina-cpu-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run() {
    rounds(ROUNDS);
  }

  /** Runs every kernel {@code count} times on small arrays. */
  static void rounds(int count) {
    int n = 41; // not a multiple of the vector length: tails are taken too
    int len = n * n;
    float[] a = new float[len];
    float[] b = new float[len];
    float[] c = new float[len];
    float[] d = new float[len];
    for (int i = 0; i < len; i++) {
      a[i] = (i % 13) * 0.1f - 0.6f;
      b[i] = (i % 7) * 0.05f + 0.1f;
    }
    // Matrix shapes that take every path of the kernels, so that C2 prunes none of them as
    // never taken (a pruned path taken later deoptimises and waits for a recompilation): rows
    // beyond a multiple of 4, a full 64-column panel and a narrow one, several blocks of k.
    int gm = 2 * Gemm.MR + 1;
    int gn = Gemm.NR + Gemm.L;
    int gk = 2 * Gemm.KC + 3;
    float[] ga = new float[gm * gk];
    float[] gb = new float[gk * gn];
    float[] gc = new float[gm * gn];
    float[] gbias = new float[gn];
    for (int i = 0; i < ga.length; i++) {
      ga[i] = (i % 11) * 0.01f;
    }
    for (int i = 0; i < gb.length; i++) {
      gb[i] = (i % 5) * 0.02f;
    }
    BufferPool pool = new BufferPool(1 << 22);
    Parallel single = new Parallel(1);
    float[] rows = new float[n];
    for (int round = 0; round < count; round++) {
      if (round < 300) {
        // The matrix kernels first: they are the most expensive to run uncompiled.
        boolean ta = (round & 1) != 0;
        boolean tb = (round & 2) != 0;
        Gemm.blocked(ga, ta, gb, tb, (round & 4) != 0 ? gbias : null, gc, gm, gn, gk, pool,
            single);
      }
      for (UnaryOp op : UnaryOp.values()) {
        UnaryKernels.apply(op, b, c, len);
      }
      for (BinaryOp op : BinaryOp.values()) {
        BinaryKernels.vv(op, a, 0, b, 0, c, 0, len);
        BinaryKernels.vs(op, a, 0, 0.5f, c, 0, len);
        BinaryKernels.sv(op, 0.5f, b, 0, c, 0, len);
      }
      for (ReduceOp op : ReduceOp.values()) {
        Reductions.reduce(op, a, n, n, 1, rows);
        Reductions.reduce(op, a, 1, n, n, rows);
        Reductions.reduce(op, a, 1, len, 1, rows);
      }
      FusedKernels.axpby(d, 0.9f, a, 0.1f, 0, len);
      System.arraycopy(a, 0, c, 0, len);
      FusedKernels.sgd(c, b, d, 0.01f, 0.9f, round % 2 == 0, 1e-4f, 0, len);
      FusedKernels.adam(c, b, d, c, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 1 + round, 0, len);
      FusedKernels.softmaxCrossEntropy(a, b, c, n, n, d, rows);
    }
  }
}
