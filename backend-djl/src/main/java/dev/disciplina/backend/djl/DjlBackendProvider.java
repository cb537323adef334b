package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Availability;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendProvider;

/**
 * Provides the {@code djl} backend: DJL with the PyTorch engine, offline.
 *
 * <p>Listing providers is free: this class refers to no DJL type, so nothing of DJL is loaded
 * before {@link #availability()} or {@link #create()}. Both first put DJL in offline mode
 * ({@value DjlOffline#PROPERTY}{@code =true}, unless the user set that property) and then
 * initialise the PyTorch engine.
 */
public final class DjlBackendProvider implements BackendProvider {

  /** The name under which {@link dev.disciplina.api.tensor.Backends} finds this backend. */
  public static final String NAME = "djl";

  /** Called by {@link java.util.ServiceLoader}. */
  public DjlBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** 1: chosen by {@link dev.disciplina.api.tensor.Backends#best()} over providers ranked 0. */
  @Override
  public int priority() {
    return 1;
  }

  /**
   * Initialises the PyTorch engine (extracting its natives on first use) and reports {@code
   * PyTorch <version>} with DJL's version and the thread count, or why it failed.
   */
  @Override
  public Availability availability() {
    DjlOffline.apply();
    try {
      return Availability.available(DjlEngine.describePyTorch());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      return Availability.unavailable(t);
    }
  }

  @Override
  public Backend create() {
    DjlOffline.apply();
    return DjlEngine.newBackend();
  }
}
