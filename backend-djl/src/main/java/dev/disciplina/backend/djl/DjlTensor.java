package dev.disciplina.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;

/**
 * A tensor of the {@code djl} backend: one contiguous float32 PyTorch tensor that no other
 * {@code DjlTensor} shares, closed exactly once, when this tensor or its scope closes.
 */
public final class DjlTensor extends Tensor {

  private PtNDArray array;

  /** Adopts {@code array}; closes it if the tensor cannot be made (no scope, wrong backend). */
  static DjlTensor wrap(DjlBackend backend, Shape shape, PtNDArray array) {
    try {
      return new DjlTensor(backend, shape, array);
    } catch (RuntimeException | Error e) {
      array.close();
      throw e;
    }
  }

  private DjlTensor(DjlBackend backend, Shape shape, PtNDArray array) {
    super(backend, shape);
    this.array = array;
  }

  /**
   * The PyTorch tensor behind this one, for interoperation with DJL. It stays owned by this
   * tensor: do not close it, keep it beyond this tensor's life, or change its shape.
   */
  public NDArray ndArray() {
    requireOpen("ndArray");
    return array;
  }

  PtNDArray array() {
    return array;
  }

  @Override
  protected void release() {
    PtNDArray a = array;
    array = null;
    a.close();
  }
}
