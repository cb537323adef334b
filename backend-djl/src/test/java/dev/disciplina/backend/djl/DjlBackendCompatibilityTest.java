package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.tck.BackendCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The djl backend passes the conformance kit")
class DjlBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return Backends.named(DjlBackendProvider.NAME);
  }

  /** Whole training steps are compared with the pure-Java backend. */
  @Override
  protected Backend reference() {
    return Backends.named("cpu");
  }
}
