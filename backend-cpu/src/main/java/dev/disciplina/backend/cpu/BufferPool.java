package dev.disciplina.backend.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A pool of {@code float[]} buffers keyed by exact length, one pool per thread.
 *
 * <p>A buffer taken with {@link #take(int)} belongs to the taker until it is handed back with
 * {@link #give(float[])}; the pool never hands out a buffer it has not been given back. Buffers
 * come back with stale values: every kernel overwrites all of its output (or zeroes it first
 * where it accumulates).
 *
 * <p>Each thread has its own free lists ({@link ThreadLocal}), so taking and giving need no
 * locking. A buffer given back on another thread than it was taken on simply joins that thread's
 * pool. Each thread keeps at most {@code maxFloats} floats; beyond that, returned buffers are left
 * to the garbage collector. Steady state in a training loop (one scope per iteration, the same
 * shapes every time) allocates nothing.
 */
final class BufferPool {

  private final long maxFloats;
  private final ThreadLocal<Local> local = ThreadLocal.withInitial(Local::new);

  /** A pool keeping at most {@code maxFloats} idle floats per thread. */
  BufferPool(long maxFloats) {
    this.maxFloats = maxFloats;
  }

  /** A buffer of exactly {@code length} floats with unspecified contents. */
  float[] take(int length) {
    Local l = local.get();
    ArrayDeque<float[]> free = l.lists.get(length);
    if (free != null) {
      float[] a = free.pollLast();
      if (a != null) {
        l.pooledFloats -= length;
        l.reused++;
        return a;
      }
    }
    l.allocated++;
    return new float[length];
  }

  /** A buffer of exactly {@code length} zeros. */
  float[] takeZeroed(int length) {
    float[] a = take(length);
    Arrays.fill(a, 0f);
    return a;
  }

  /** Hands {@code buffer} back; the caller must not use it afterwards. */
  void give(float[] buffer) {
    if (buffer == null) {
      return;
    }
    Local l = local.get();
    if (l.pooledFloats + buffer.length > maxFloats) {
      l.dropped++;
      return;
    }
    ArrayDeque<float[]> free = l.lists.getOrCreate(buffer.length);
    assert !containsIdentity(free, buffer) : "buffer of " + buffer.length + " given back twice";
    free.addLast(buffer);
    l.pooledFloats += buffer.length;
  }

  /** This thread's counters, for tests and diagnostics. */
  Stats stats() {
    Local l = local.get();
    return new Stats(l.allocated, l.reused, l.dropped, l.pooledFloats);
  }

  /** Empties this thread's pool. */
  void clear() {
    Local l = local.get();
    l.lists = new IntMap();
    l.pooledFloats = 0;
  }

  private static boolean containsIdentity(ArrayDeque<float[]> free, float[] buffer) {
    for (float[] a : free) {
      if (a == buffer) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counters of one thread's pool.
   *
   * @param allocated buffers made with {@code new} because none of the length was free
   * @param reused buffers handed out again from the pool
   * @param dropped buffers given back while the pool was full
   * @param pooledFloats floats currently idle in the pool
   */
  record Stats(long allocated, long reused, long dropped, long pooledFloats) {}

  private static final class Local {
    IntMap lists = new IntMap();
    long pooledFloats;
    long allocated;
    long reused;
    long dropped;
  }

  /** An open-addressing map from length to free list, so lookups box no {@code Integer}. */
  private static final class IntMap {
    private int[] keys = new int[64];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    ArrayDeque<float[]> get(int key) {
      int mask = keys.length - 1;
      for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
        Object v = values[i];
        if (v == null) {
          return null;
        }
        if (keys[i] == key) {
          return (ArrayDeque<float[]>) v;
        }
      }
    }

    ArrayDeque<float[]> getOrCreate(int key) {
      ArrayDeque<float[]> found = get(key);
      if (found != null) {
        return found;
      }
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      ArrayDeque<float[]> list = new ArrayDeque<>();
      put(key, list);
      return list;
    }

    private void put(int key, Object value) {
      int mask = keys.length - 1;
      int i = mix(key) & mask;
      while (values[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = value;
      size++;
    }

    private void grow() {
      int[] oldKeys = keys;
      Object[] oldValues = values;
      keys = new int[oldKeys.length * 2];
      values = new Object[oldValues.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != null) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static int mix(int key) {
      int h = key * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }
}
