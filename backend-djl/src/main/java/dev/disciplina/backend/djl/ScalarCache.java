package dev.disciplina.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rank-0 float32 tensors for the scalar operands of kernels (a learning rate, {@code 1/n}, an
 * epsilon), kept per thread and reused, so that a scalar operation costs one PyTorch call rather
 * than three (make the scalar, use it, free it).
 *
 * <p>Each thread has its own small least-recently-used set. A kernel borrows at most two scalars
 * and uses them before returning, on its own thread, so an entry is never freed while in use: it
 * can only be evicted by a later lookup on the same thread, and the two most recent entries are
 * never the eldest. When a thread ends, its entries are freed once the collector notices.
 */
final class ScalarCache {

  /** Entries per thread; more than the two a kernel holds at once. */
  static final int CAPACITY = 16;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final Shape RANK0 = new Shape();

  private final PtNDManager manager;
  private final Device device;
  private final ThreadLocal<Holder> holders = ThreadLocal.withInitial(Holder::new);

  ScalarCache(PtNDManager manager, Device device) {
    this.manager = manager;
    this.device = device;
  }

  /** A rank-0 tensor holding {@code value}; borrowed: the caller must not close it. */
  PtNDArray get(float value) {
    Entries map = holders.get().entries;
    Integer key = Float.floatToRawIntBits(value);
    PtNDArray a = map.get(key);
    if (a == null) {
      a = JniUtils.full(manager, RANK0, value, DataType.FLOAT32, device, SparseFormat.DENSE);
      map.put(key, a);
    }
    return a;
  }

  /** What a thread-local slot holds; when its thread is gone, the cleaner frees the entries. */
  private static final class Holder {
    final Entries entries = new Entries();

    Holder() {
      Entries e = entries; // the action must not refer to the holder it watches
      CLEANER.register(this, e::closeAll);
    }
  }

  /** Access-ordered, closing the eldest entry beyond {@link #CAPACITY}. */
  private static final class Entries extends LinkedHashMap<Integer, PtNDArray> {
    private static final long serialVersionUID = 1L;

    Entries() {
      super(32, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, PtNDArray> eldest) {
      if (size() > CAPACITY) {
        eldest.getValue().close();
        return true;
      }
      return false;
    }

    /** Runs once the owning thread can no longer reach this map. */
    void closeAll() {
      for (PtNDArray a : values()) {
        a.close();
      }
      clear();
    }
  }
}
