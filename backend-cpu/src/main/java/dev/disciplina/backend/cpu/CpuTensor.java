package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * A tensor of the {@code cpu} backend: a row-major, contiguous {@code float[]} of exactly {@code
 * shape.size()} values, borrowed from its backend's {@link BufferPool} and returned there on
 * {@link #release()}.
 */
final class CpuTensor extends Tensor {

  private final BufferPool pool;
  /** The values; {@code null} once released, so a stale reference fails loudly. */
  float[] data;

  /** Wraps {@code data}, which now belongs to this tensor, in the current scope. */
  CpuTensor(CpuBackend backend, Shape shape, float[] data) {
    super(backend, shape);
    this.pool = backend.pool();
    this.data = data;
  }

  /** {@inheritDoc} Gives the buffer back to the pool. */
  @Override
  protected void release() {
    float[] d = data;
    data = null;
    pool.give(d);
  }
}
