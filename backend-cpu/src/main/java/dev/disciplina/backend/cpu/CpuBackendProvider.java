package dev.disciplina.backend.cpu;

import dev.disciplina.api.tensor.Availability;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendProvider;

/**
 * Provides the {@code cpu} backend, the reference against which the others are compared.
 *
 * <p>It needs the incubating Vector API: the JVM must run with {@code --add-modules
 * jdk.incubator.vector}. Without it the provider reports itself unavailable with that advice and
 * never touches a vector class, so discovery of the other backends is unaffected.
 */
public final class CpuBackendProvider implements BackendProvider {

  /** The Vector API's module; the backend cannot run without it. */
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** The advice given when the Vector API module is not in the boot layer. */
  static final String UNAVAILABLE_REASON = "run the JVM with --add-modules " + VECTOR_MODULE;

  /** Needed by {@link java.util.ServiceLoader}. */
  public CpuBackendProvider() {}

  /** {@inheritDoc} */
  @Override
  public String name() {
    return "cpu";
  }

  /** {@inheritDoc} The reference backend ranks above nothing native: 10. */
  @Override
  public int priority() {
    return 10;
  }

  /** {@inheritDoc} */
  @Override
  public Availability availability() {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return Availability.unavailable(UNAVAILABLE_REASON);
    }
    return Availability.available("pure Java on " + VECTOR_MODULE + ", Java "
        + Runtime.version().feature());
  }

  /** {@inheritDoc} */
  @Override
  public Backend create() {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      throw new IllegalStateException("backend 'cpu' is unavailable: " + UNAVAILABLE_REASON);
    }
    return new CpuBackend();
  }
}
