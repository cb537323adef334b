package dev.disciplina.backend.nd4j;

import dev.disciplina.api.tensor.Availability;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendException;
import dev.disciplina.api.tensor.BackendProvider;
import java.util.function.Supplier;

/**
 * Provides the {@code nd4j} backend. Naming and ranking it touch nothing of ND4J; only {@link
 * #availability()} and {@link #create()} start the native library, and a library that does not
 * load makes the backend unavailable, with the reason, rather than failing discovery.
 */
public final class Nd4jBackendProvider implements BackendProvider {

  /** The provider's name. */
  public static final String NAME = "nd4j";

  private final Supplier<Nd4jRuntime> runtime;

  /** For {@link java.util.ServiceLoader}. */
  public Nd4jBackendProvider() {
    this(null);
  }

  /** With another way to start ND4J (tests simulate a native library that fails to load). */
  Nd4jBackendProvider(Supplier<Nd4jRuntime> runtime) {
    this.runtime = runtime;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Ranking for {@link dev.disciplina.api.tensor.Backends#best()}. */
  @Override
  public int priority() {
    return 5;
  }

  @Override
  public Availability availability() {
    try {
      return Availability.available(start().description());
    } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError
      return Availability.unavailable(t);
    }
  }

  @Override
  public Backend create() {
    Nd4jRuntime started;
    try {
      started = start();
    } catch (Throwable t) {
      throw new BackendException(
          "backend '" + NAME + "': ND4J's native library did not start: "
              + Availability.unavailable(t).detail(), t);
    }
    return new Nd4jBackend(started);
  }

  private Nd4jRuntime start() {
    return runtime == null ? Nd4jRuntime.get() : runtime.get();
  }
}
