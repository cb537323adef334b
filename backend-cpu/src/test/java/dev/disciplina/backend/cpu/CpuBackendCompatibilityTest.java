package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.tck.BackendCompatibilityKit;
import org.junit.jupiter.api.DisplayName;

/** The conformance kit, run on the {@code cpu} backend as found by discovery. */
@DisplayName("the cpu backend passes the backend compatibility kit")
class CpuBackendCompatibilityTest extends BackendCompatibilityKit {

  @Override
  protected Backend backend() {
    return Backends.named("cpu");
  }
}
