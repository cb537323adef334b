package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.tck.BackendCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The nd4j backend passes the conformance kit")
class Nd4jBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return Backends.named("nd4j");
  }

  /** Whole training steps are compared with the pure-Java backend. */
  @Override
  protected Backend reference() {
    return Backends.named("cpu");
  }
}
