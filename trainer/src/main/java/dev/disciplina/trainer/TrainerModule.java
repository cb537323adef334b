package dev.disciplina.trainer;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendException;
import dev.disciplina.api.tensor.Backends;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Wires a {@link Trainer} from a {@link TrainingConfig} and a backend name.
 *
 * <ul>
 *   <li><b>Backend.</b> Discovery happens once, before the injector: {@link
 *       #discovering(TrainingConfig, String)} asks {@link Backends#all()} what {@link
 *       java.util.ServiceLoader} found. Each backend found is bound by name in a {@code
 *       MapBinder<String, Backend>} (made lazily, on first use); one {@code @Provides} method
 *       picks the configured name, failing with the list of names when it is unknown.
 *   <li><b>Listeners.</b> A {@code Multibinder<TrainingListener>}: add yours with {@code
 *       Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding().to(...)}. {@link
 *       TrainingMeters} is always bound.
 *   <li><b>Meters.</b> A {@link MeterRegistry} the user may bind with {@code
 *       OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding()...}; by
 *       default a {@link SimpleMeterRegistry}.
 * </ul>
 *
 * <p>This module only binds: no I/O and no decisions on the configuration happen in it.
 */
public final class TrainerModule extends AbstractModule {

  /** The name under which the configured backend name is bound. */
  public static final String BACKEND_NAME = "disciplina.backend";

  private final TrainingConfig config;
  private final String backendName;
  private final List<String> discovered;

  /**
   * A module for {@code config} on backend {@code backendName}, given the names discovery found.
   */
  public TrainerModule(TrainingConfig config, String backendName, List<String> discovered) {
    this.config = Objects.requireNonNull(config, "config");
    this.backendName = Objects.requireNonNull(backendName, "backendName");
    this.discovered = List.copyOf(discovered);
  }

  /** Runs discovery ({@link Backends#all()}) now, before the injector is made. */
  public static TrainerModule discovering(TrainingConfig config, String backendName) {
    return new TrainerModule(config, backendName,
        Backends.all().stream().map(Backends.Info::name).toList());
  }

  @Override
  protected void configure() {
    bind(TrainingConfig.class).toInstance(config);
    bindConstant().annotatedWith(Names.named(BACKEND_NAME)).to(backendName);
    MapBinder<String, Backend> backends =
        MapBinder.newMapBinder(binder(), String.class, Backend.class);
    for (String name : discovered) {
      backends.addBinding(name).toProvider(new NamedBackend(name));
    }
    Multibinder<TrainingListener> listeners =
        Multibinder.newSetBinder(binder(), TrainingListener.class);
    listeners.addBinding().to(TrainingMeters.class);
    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class)
        .setDefault().to(SimpleMeterRegistry.class);
    bind(SimpleMeterRegistry.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  Backend backend(Map<String, Provider<Backend>> backends, @Named(BACKEND_NAME) String name) {
    Provider<Backend> p = backends.get(name);
    if (p == null) {
      throw new BackendException("unknown backend '" + name + "'; found: "
          + (backends.isEmpty() ? "none" : String.join(", ", backends.keySet())));
    }
    return p.get();
  }

  @Provides
  @Singleton
  TrainingMeters meters(MeterRegistry registry) {
    return new TrainingMeters(registry);
  }

  @Provides
  Trainer trainer(TrainingConfig config, Backend backend, Set<TrainingListener> listeners) {
    return new Trainer(config, backend, listeners);
  }

  /** Makes (once, through {@link Backends}) the backend of one name. */
  private static final class NamedBackend implements Provider<Backend> {
    private final String name;

    NamedBackend(String name) {
      this.name = name;
    }

    @Override
    public Backend get() {
      return Backends.named(name);
    }
  }
}
