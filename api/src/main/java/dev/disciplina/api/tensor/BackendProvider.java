package dev.disciplina.api.tensor;

/**
 * Makes a {@link Backend}; found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/dev.disciplina.api.tensor.BackendProvider} entry in the backend's jar.
 *
 * <p>Only {@link #name()} and {@link #create()} must be written. {@link #availability()} should
 * say why a backend cannot run here (a native library that does not load, an unsupported
 * platform) instead of throwing: {@link Backends} then lists it as unavailable with that reason
 * and the other backends keep working. Implementations need a public no-argument constructor and
 * should do no expensive work before {@link #availability()} or {@link #create()} is called.
 */
public interface BackendProvider {

  /** A short lower-case name, unique among providers: {@code cpu}, {@code nd4j}, {@code djl}. */
  String name();

  /** Ranking for {@link Backends#best()}: the available provider with the highest wins. */
  default int priority() {
    return 0;
  }

  /** Whether this backend can run on this machine, and if not, why. May be slow; called once. */
  default Availability availability() {
    return Availability.available(name());
  }

  /** Makes the backend. Called at most once per JVM by {@link Backends}. */
  Backend create();
}
