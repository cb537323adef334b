package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor of the {@code nd4j} backend: one float32, row-major ({@code 'c'}), dense {@link
 * INDArray} that it alone owns. {@link #release()} hands the array back to the backend, which
 * keeps it for reuse in a bounded pool or closes it, freeing its native buffer at once; nothing
 * is left for the garbage collector.
 */
public final class Nd4jTensor extends Tensor {

  private final Nd4jBackend owner;
  private INDArray array;

  private Nd4jTensor(Nd4jBackend backend, Shape shape, INDArray array) {
    super(backend, shape);
    this.owner = backend;
    this.array = array;
  }

  /**
   * Wraps {@code array}, which the new tensor (and so the current scope) then owns; if no tensor
   * can be made (no open scope, say) the array is closed before the error propagates.
   */
  static Nd4jTensor wrap(Nd4jBackend backend, Shape shape, INDArray array) {
    try {
      return new Nd4jTensor(backend, shape, array);
    } catch (RuntimeException | Error e) {
      array.close();
      throw e;
    }
  }

  /** The array; only valid while the tensor is open, and never to be closed by the caller. */
  INDArray array() {
    return array;
  }

  @Override
  protected void release() {
    INDArray a = array;
    array = null;
    owner.recycle(shape(), a);
  }
}
