package dev.disciplina.backend.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable direct buffer per thread, through which values enter PyTorch.
 *
 * <p>DJL's own {@code NDManager.create(float[])} allocates a fresh direct buffer per call and lets
 * the PyTorch tensor point into it, so the memory is freed only when the garbage collector gets
 * round to the buffer: resident memory grows while the heap stays quiet. Here a tensor is made
 * over this thread's buffer and immediately cloned into memory PyTorch owns, so nothing native
 * waits for the collector and no allocation is made per call on the Java side.
 */
final class Staging {

  /** The largest buffer kept per thread, in bytes; bigger inputs go through in chunks. */
  static final int MAX_BYTES = 4 << 20;

  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> allocate(64 << 10));

  private Staging() {}

  private static ByteBuffer allocate(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  /**
   * This thread's buffer with at least {@code bytes} capacity; beyond {@link #MAX_BYTES}, a
   * one-off buffer that is not kept.
   */
  private static ByteBuffer buffer(int bytes) {
    if (bytes > MAX_BYTES) {
      return allocate(bytes);
    }
    ByteBuffer b = BUFFER.get();
    if (b.capacity() < bytes) {
      b = allocate(Math.min(MAX_BYTES, Math.max(bytes, b.capacity() * 2)));
      BUFFER.set(b);
    }
    b.clear();
    return b;
  }

  /**
   * This thread's buffer holding {@code n} floats from {@code data[offset]}; callers keep {@code
   * n} within {@link #MAX_BYTES}.
   */
  static ByteBuffer floats(float[] data, int offset, int n) {
    ByteBuffer b = buffer(n * Float.BYTES);
    b.asFloatBuffer().put(data, offset, n);
    b.limit(n * Float.BYTES);
    return b;
  }

  /** This thread's buffer holding {@code values} widened to longs. */
  static ByteBuffer longs(int[] values) {
    ByteBuffer b = buffer(values.length * Long.BYTES);
    for (int i = 0; i < values.length; i++) {
      b.putLong(i * Long.BYTES, values[i]);
    }
    b.limit(values.length * Long.BYTES);
    return b;
  }
}
