package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.BinaryOp;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply {@code C = op(A) op(B) (+ bias)}, row-major, for all four
 * transpose combinations.
 *
 * <p><b>Algorithm.</b> GotoBLAS-style blocking: {@code B} is packed once into panels of {@code
 * NR = 4 * L} columns (64 with 512-bit vectors) per block of {@code KC} rows of {@code k}; each task
 * packs its block of {@code A} rows into strips of {@code MR = 4} rows interleaved along {@code k};
 * the micro-kernel keeps a 4 x 64 block of {@code C} in 16 vector registers and performs 16 fused
 * multiply-adds per {@code k} step. Transposes are absorbed by the packing routines. Panels
 * narrower than {@code NR} (the last one, when {@code n} is not a multiple) use a one-vector
 * kernel. Edge tiles (rows beyond {@code m}, columns beyond {@code n}) are computed in a scratch
 * tile of which only the valid part is copied out. The micro-kernels have one shape only — load
 * the tile of C, run the k loop, store — with no branches, masks or calls: C2 inlines every vector
 * operation of a method only within a node budget, and a kernel over budget keeps some vector
 * calls boxed, hundreds of times slower, for the life of the JVM (seen here, depending on the
 * branch profile at compile time).
 *
 * <p><b>Accuracy and determinism.</b> Every element of {@code C} is a sum of partial sums, one
 * per block of {@link #KC} consecutive {@code k}: each partial sum is one chain of fused
 * multiply-adds over its block in order, starting from zero, and the partial sums are added to
 * {@code C} in order of {@code k}. So the result is the same bits as {@code c = 0; for each block:
 * part = 0; for k in block: part = Math.fma(a[i][k], b[k][j], part); c += part}, whatever the
 * kernel that handled the element or the number of threads (work is split over rows or column
 * panels only). Restarting the chain every {@code KC} terms matters: one chain over all of
 * {@code k} (784 inputs of an image, say) loses about twice as many bits as the blocked sums of
 * ND4J's and PyTorch's BLAS, and that extra rounding drift was enough to flip a ReLU near zero in
 * the second epoch of a Fashion-MNIST run and make the cpu backend's curves part from the other
 * two; blocks of 128 are a little more accurate than both. The bias, when given, is added after
 * the last block — exactly as a separate addition would — while the finished tile is still in L1.
 *
 * <p>Small products ({@link #SMALL_MACS}) use the scalar reference loop {@link #naive}, which
 * gives the same bits.
 *
 * <p><b>Threads.</b> Products of at least {@link #PARALLEL_FLOPS} floating-point operations are
 * split over the backend's {@link Parallel} runner: blocks of rows (or of column panels when
 * there are few rows), after the packing of {@code B}, itself split when {@code B} is large.
 * Smaller products stay on the calling thread.
 */
final class Gemm {

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static final int MR = 4;
  static final int NR = 4 * L;
  /**
   * Rows of {@code k} per packed block: a 128 x 64 panel of B is 32 KB, resident in L1. Each
   * block's products are summed as a chain of their own, so this also fixes the rounding.
   */
  static final int KC = Integer.getInteger("disciplina.cpu.kc", 128);
  /** Rows of {@code A} per task block. */
  static final int MC = Integer.getInteger("disciplina.cpu.mc", 192);
  /** Below this many multiply-adds a plain loop is faster than packing. */
  static final long SMALL_MACS = 4096;
  /**
   * Products of at least this many FLOPs ({@code 2mnk}) use more than one thread: about 10
   * microseconds of work on one core, several times what handing a job to a spinning worker costs
   * ({@link Parallel}). The products of a small network's training step (128 x 256 x 128, 8.4
   * MFLOP) are above it.
   */
  static final long PARALLEL_FLOPS = Long.getLong("disciplina.cpu.parallelFlops", 2_000_000L);
  /** A packed B of at least this many floats is packed by all threads. */
  static final long PARALLEL_PACK_FLOATS = 1L << 16;

  private Gemm() {}

  /**
   * {@code c[m, n] = op(a) @ op(b) + bias}, overwriting all of {@code c}.
   *
   * @param a {@code [m, k]}, or {@code [k, m]} when {@code ta}
   * @param b {@code [k, n]}, or {@code [n, k]} when {@code tb}
   * @param bias {@code [n]} added to every row, or {@code null}
   */
  static void multiply(float[] a, boolean ta, float[] b, boolean tb, float[] bias, float[] c,
      int m, int n, int k, BufferPool pool, Parallel parallel) {
    if ((long) m * n * k <= SMALL_MACS) {
      naive(a, ta, b, tb, bias, c, m, n, k);
      return;
    }
    blocked(a, ta, b, tb, bias, c, m, n, k, pool, parallel);
  }

  /** The packed, blocked product, whatever the size. */
  static void blocked(float[] a, boolean ta, float[] b, boolean tb, float[] bias, float[] c,
      int m, int n, int k, BufferPool pool, Parallel parallel) {
    int kBlocks = (k + KC - 1) / KC;
    int panels = (n + NR - 1) / NR;
    int lastWidth = roundUp(n - (panels - 1) * NR, L);
    int nPad = (panels - 1) * NR + lastWidth;
    float[] pb = pool.take(k * nPad);
    try {
      boolean parallelize = parallel.threads() > 1 && 2L * m * n * k >= PARALLEL_FLOPS;
      int units = kBlocks * panels;
      // Waking the workers costs tens of microseconds: only a large B is packed in parallel.
      if (parallelize && (long) k * nPad >= PARALLEL_PACK_FLOATS) {
        parallel.run(units, u -> packB(b, tb, n, k, nPad, u / panels, u % panels, pb));
      } else {
        for (int u = 0; u < units; u++) {
          packB(b, tb, n, k, nPad, u / panels, u % panels, pb);
        }
      }
      int strips = (m + MR - 1) / MR;
      int threads = parallelize ? parallel.threads() : 1;
      if (threads > 1 && strips < 4 * threads && panels >= 2 * threads) {
        // Few rows, many columns: split the column panels.
        int per = (panels + 2 * threads - 1) / (2 * threads);
        int tasks = (panels + per - 1) / per;
        parallel.run(tasks, t -> compute(a, ta, pb, bias, c, m, n, k, nPad, 0, m,
            t * per, Math.min(panels, (t + 1) * per), pool));
      } else {
        // At least two tasks per thread, of nearly equal size and at most about MC rows: tasks
        // are claimed dynamically, so a thread that the OS delays leaves less work stranded.
        int chunks = threads * Math.max(2, (m + threads * MC - 1) / (threads * MC));
        int rowsPerTask = threads == 1 ? m : roundUp((m + chunks - 1) / chunks, MR);
        int tasks = (m + rowsPerTask - 1) / rowsPerTask;
        parallel.run(tasks, t -> compute(a, ta, pb, bias, c, m, n, k, nPad, t * rowsPerTask,
            Math.min(m, (t + 1) * rowsPerTask), 0, panels, pool));
      }
    } finally {
      pool.give(pb);
    }
  }

  /** The reference: one fused multiply-add chain per element, bit-identical to the kernels. */
  static void naive(float[] a, boolean ta, float[] b, boolean tb, float[] bias, float[] c,
      int m, int n, int k) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int k0 = 0; k0 < k; k0 += KC) {
          float part = 0f;
          for (int p = k0, end = Math.min(k, k0 + KC); p < end; p++) {
            float av = ta ? a[p * m + i] : a[i * k + p];
            float bv = tb ? b[j * k + p] : b[p * n + j];
            part = Math.fma(av, bv, part);
          }
          s = k0 == 0 ? part : s + part;
        }
        c[i * n + j] = bias == null ? s : s + bias[j];
      }
    }
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  // ------------------------------------------------------------------ packing

  /** Packs block {@code kb} of panel {@code p} of {@code op(B)}: {@code kcb} rows of width {@code w}. */
  private static void packB(float[] b, boolean tb, int n, int k, int nPad, int kb, int p,
      float[] pb) {
    int k0 = kb * KC;
    int kcb = Math.min(KC, k - k0);
    int j0 = p * NR;
    int cols = Math.min(NR, n - j0);
    int w = Math.min(NR, nPad - j0);
    int off = k0 * nPad + j0 * kcb;
    if (!tb) {
      for (int kk = 0; kk < kcb; kk++) {
        int dst = off + kk * w;
        System.arraycopy(b, (k0 + kk) * n + j0, pb, dst, cols);
        if (cols < w) {
          Arrays.fill(pb, dst + cols, dst + w, 0f);
        }
      }
    } else {
      // op(B)[kk][jj] = b[j0 + jj][k0 + kk]: read rows of b, write columns of the panel.
      for (int jj = 0; jj < cols; jj++) {
        int src = (j0 + jj) * k + k0;
        int dst = off + jj;
        for (int kk = 0; kk < kcb; kk++) {
          pb[dst + kk * w] = b[src + kk];
        }
      }
      for (int jj = cols; jj < w; jj++) {
        for (int kk = 0; kk < kcb; kk++) {
          pb[off + kk * w + jj] = 0f;
        }
      }
    }
  }

  /** Packs rows {@code [i0, i0 + rows)} of {@code op(A)}, columns {@code [k0, k0 + kcb)}. */
  private static void packA(float[] a, boolean ta, int m, int k, int i0, int rows, int k0,
      int kcb, float[] pa) {
    int strips = (rows + MR - 1) / MR;
    for (int s = 0; s < strips; s++) {
      int base = s * kcb * MR;
      for (int r = 0; r < MR; r++) {
        int i = i0 + s * MR + r;
        if (i >= i0 + rows) {
          for (int kk = 0; kk < kcb; kk++) {
            pa[base + kk * MR + r] = 0f;
          }
        } else if (!ta) {
          int src = i * k + k0;
          for (int kk = 0; kk < kcb; kk++) {
            pa[base + kk * MR + r] = a[src + kk];
          }
        } else {
          for (int kk = 0; kk < kcb; kk++) {
            pa[base + kk * MR + r] = a[(k0 + kk) * m + i];
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ blocks

  /** Computes rows {@code [r0, r1)} and panels {@code [p0, p1)} of {@code C}. */
  private static void compute(float[] a, boolean ta, float[] pb, float[] bias, float[] c, int m,
      int n, int k, int nPad, int r0, int r1, int p0, int p1, BufferPool pool) {
    int kBlocks = (k + KC - 1) / KC;
    int mc = Math.min(MC, r1 - r0);
    float[] pa = pool.take(roundUp(mc, MR) * Math.min(KC, k));
    // Edge tiles (rows beyond m or columns beyond n) are computed in a scratch tile.
    float[] tile = pool.take(MR * NR);
    try {
      for (int i0 = r0; i0 < r1; i0 += MC) {
        int rows = Math.min(MC, r1 - i0);
        int strips = (rows + MR - 1) / MR;
        for (int kb = 0; kb < kBlocks; kb++) {
          int k0 = kb * KC;
          int kcb = Math.min(KC, k - k0);
          boolean first = kb == 0;
          boolean last = kb == kBlocks - 1;
          packA(a, ta, m, k, i0, rows, k0, kcb, pa);
          boolean addBias = last && bias != null;
          // Panels outer, strips inner: each 32 KB panel of B stays in L1 for all strips.
          for (int p = p0; p < p1; p++) {
            for (int s = 0; s < strips; s++) {
              tile(pa, pb, bias, c, n, nPad, i0, rows, k0, kcb, first, addBias, p, s, tile);
            }
          }
        }
      }
    } finally {
      pool.give(pa);
      pool.give(tile);
    }
  }

  /**
   * Strip {@code s} of the current row block against panel {@code p}, for one block of {@code
   * k}: the kernels run a chain from zero, in {@code C} itself for the first block, else in the
   * scratch tile, which is then added to {@code C}; after the last block the bias is added while
   * the tile is still in L1.
   */
  private static void tile(float[] pa, float[] pb, float[] bias, float[] c, int n, int nPad,
      int i0, int rows, int k0, int kcb, boolean first, boolean addBias, int p, int s,
      float[] tile) {
    int j0 = p * NR;
    int cols = Math.min(NR, n - j0);
    int w = Math.min(NR, nPad - j0);
    int pbOff = k0 * nPad + j0 * kcb;
    int i = i0 + s * MR;
    int validRows = Math.min(MR, i0 + rows - i);
    int paOff = s * kcb * MR;
    if (validRows == MR && cols == w) {
      int cOff = i * n + j0;
      if (first) {
        // The first block's chain runs in C itself, from zero.
        for (int r = 0; r < MR; r++) {
          Arrays.fill(c, cOff + r * n, cOff + r * n + w, 0f);
        }
        block(pa, paOff, pb, pbOff, w, kcb, c, cOff, n);
      } else {
        // A later block's chain runs from zero in the scratch tile and is then added to C.
        Arrays.fill(tile, 0f);
        block(pa, paOff, pb, pbOff, w, kcb, tile, 0, NR);
        for (int r = 0; r < MR; r++) {
          BinaryKernels.vv(BinaryOp.ADD, c, cOff + r * n, tile, r * NR, c, cOff + r * n, w);
        }
      }
      if (addBias) {
        for (int r = 0; r < MR; r++) {
          BinaryKernels.vv(BinaryOp.ADD, c, cOff + r * n, bias, j0, c, cOff + r * n, w);
        }
      }
      return;
    }
    // An edge tile: this block's chain runs from zero in the scratch tile, of which only the
    // valid part is stored to C (first block) or added to it (later blocks).
    Arrays.fill(tile, 0f);
    block(pa, paOff, pb, pbOff, w, kcb, tile, 0, NR);
    for (int r = 0; r < validRows; r++) {
      int cRow = (i + r) * n + j0;
      if (!first) {
        BinaryKernels.vv(BinaryOp.ADD, c, cRow, tile, r * NR, tile, r * NR, cols);
      }
      if (addBias) {
        BinaryKernels.vv(BinaryOp.ADD, tile, r * NR, bias, j0, c, cRow, cols);
      } else {
        System.arraycopy(tile, r * NR, c, cRow, cols);
      }
    }
  }

  /** One 4-row strip against one panel of width {@code w}, into {@code c} at {@code cOff}. */
  private static void block(float[] pa, int paOff, float[] pb, int pbOff, int w, int kc,
      float[] c, int cOff, int ldc) {
    if (w == NR) {
      kernel4x4(pa, paOff, pb, pbOff, kc, c, cOff, ldc);
    } else {
      for (int v = 0; v * L < w; v++) {
        kernel4x1(pa, paOff, pb, pbOff + v * L, w, kc, c, cOff + v * L, ldc);
      }
    }
  }

  // ------------------------------------------------------------------ micro-kernels

  /**
   * A full 4 x {@code 4L} block: 16 accumulators loaded from {@code C}, 4 loads of B and 4
   * broadcasts of A per k, 16 stores. Deliberately nothing else — no branches, masks or calls:
   * every extra vector operation counts against C2's inlining budget, and a kernel that exceeds
   * it keeps some vector calls un-inlined (boxed, hundreds of times slower) for good.
   */
  private static void kernel4x4(float[] pa, int paOff, float[] pb, int pbOff, int kc,
      float[] c, int cOff, int ldc) {
    int o0 = cOff;
    int o1 = cOff + ldc;
    int o2 = cOff + 2 * ldc;
    int o3 = cOff + 3 * ldc;
    FloatVector c00 = FloatVector.fromArray(S, c, o0);
    FloatVector c01 = FloatVector.fromArray(S, c, o0 + L);
    FloatVector c02 = FloatVector.fromArray(S, c, o0 + 2 * L);
    FloatVector c03 = FloatVector.fromArray(S, c, o0 + 3 * L);
    FloatVector c10 = FloatVector.fromArray(S, c, o1);
    FloatVector c11 = FloatVector.fromArray(S, c, o1 + L);
    FloatVector c12 = FloatVector.fromArray(S, c, o1 + 2 * L);
    FloatVector c13 = FloatVector.fromArray(S, c, o1 + 3 * L);
    FloatVector c20 = FloatVector.fromArray(S, c, o2);
    FloatVector c21 = FloatVector.fromArray(S, c, o2 + L);
    FloatVector c22 = FloatVector.fromArray(S, c, o2 + 2 * L);
    FloatVector c23 = FloatVector.fromArray(S, c, o2 + 3 * L);
    FloatVector c30 = FloatVector.fromArray(S, c, o3);
    FloatVector c31 = FloatVector.fromArray(S, c, o3 + L);
    FloatVector c32 = FloatVector.fromArray(S, c, o3 + 2 * L);
    FloatVector c33 = FloatVector.fromArray(S, c, o3 + 3 * L);
    for (int kk = 0; kk < kc; kk++) {
      int bo = pbOff + kk * NR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bo);
      FloatVector b1 = FloatVector.fromArray(S, pb, bo + L);
      FloatVector b2 = FloatVector.fromArray(S, pb, bo + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, pb, bo + 3 * L);
      int ao = paOff + kk * MR;
      FloatVector a0 = FloatVector.broadcast(S, pa[ao]);
      c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
      FloatVector a1 = FloatVector.broadcast(S, pa[ao + 1]);
      c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
      FloatVector a2 = FloatVector.broadcast(S, pa[ao + 2]);
      c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
      FloatVector a3 = FloatVector.broadcast(S, pa[ao + 3]);
      c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
    }
    c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L);
    c03.intoArray(c, o0 + 3 * L);
    c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L);
    c13.intoArray(c, o1 + 3 * L);
    c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L);
    c23.intoArray(c, o2 + 3 * L);
    c30.intoArray(c, o3); c31.intoArray(c, o3 + L); c32.intoArray(c, o3 + 2 * L);
    c33.intoArray(c, o3 + 3 * L);
  }

  /** A full 4 x {@code L} block of a narrow panel of width {@code w}: for the last columns. */
  private static void kernel4x1(float[] pa, int paOff, float[] pb, int pbOff, int w, int kc,
      float[] c, int cOff, int ldc) {
    FloatVector c0 = FloatVector.fromArray(S, c, cOff);
    FloatVector c1 = FloatVector.fromArray(S, c, cOff + ldc);
    FloatVector c2 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
    FloatVector c3 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
    for (int kk = 0; kk < kc; kk++) {
      FloatVector b0 = FloatVector.fromArray(S, pb, pbOff + kk * w);
      int ao = paOff + kk * MR;
      c0 = FloatVector.broadcast(S, pa[ao]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, pa[ao + 1]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, pa[ao + 2]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, pa[ao + 3]).fma(b0, c3);
    }
    c0.intoArray(c, cOff);
    c1.intoArray(c, cOff + ldc);
    c2.intoArray(c, cOff + 2 * ldc);
    c3.intoArray(c, cOff + 3 * ldc);
  }
}
