package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Shape;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Released float32 arrays kept for reuse, by shape, up to a fixed number of bytes in total.
 *
 * <p>Making an {@link INDArray} costs ND4J several native calls and registrations (about 7-15 us
 * here) whatever its size, more than most kernels on a training batch; a training loop makes the
 * same shapes every iteration. So a released array goes back to this pool unless the pool is
 * full, in which case it is closed — its native memory freed — at once. The pool never holds
 * more than its capacity, so resident memory is bounded by the tensors open plus the capacity.
 *
 * <p>Thread-safe: each shape's free list is guarded by its own lock.
 */
final class ArrayPool {

  /** At most this many free arrays of one shape. */
  private static final int PER_SHAPE = 64;

  private final long capacityBytes;
  private final AtomicLong pooledBytes = new AtomicLong();
  private final ConcurrentHashMap<Shape, ArrayDeque<INDArray>> free = new ConcurrentHashMap<>();

  /** A pool of at most {@code capacityBytes} of free arrays; 0 disables pooling. */
  ArrayPool(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /** A dense row-major float32 array of {@code shape}, with undefined contents. */
  INDArray take(Shape shape) {
    ArrayDeque<INDArray> list = free.get(shape);
    if (list != null) {
      INDArray a;
      synchronized (list) {
        a = list.pollFirst();
      }
      if (a != null) {
        pooledBytes.addAndGet(-bytes(shape));
        return a;
      }
    }
    return Nd4j.createUninitialized(DataType.FLOAT, Nd4jBackend.dims(shape), 'c');
  }

  /** Takes back an array of {@code shape} that nothing uses any more, or closes it. */
  void give(Shape shape, INDArray a) {
    long b = bytes(shape);
    if (pooledBytes.addAndGet(b) <= capacityBytes) {
      ArrayDeque<INDArray> list = free.computeIfAbsent(shape, s -> new ArrayDeque<>());
      synchronized (list) {
        if (list.size() < PER_SHAPE) {
          list.addFirst(a);
          return;
        }
      }
    }
    pooledBytes.addAndGet(-b);
    a.close();
  }

  /** Bytes held by free arrays now. */
  long pooledBytes() {
    return pooledBytes.get();
  }

  private static long bytes(Shape shape) {
    return (long) shape.size() * Float.BYTES;
  }
}
