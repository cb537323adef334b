package dev.disciplina.api.tensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds backends with {@link ServiceLoader} and makes each at most once.
 *
 * <p>Discovery never falls back silently: a training run on the wrong backend is a bug. With no
 * provider on the class path, an unknown name, an unavailable backend, or two providers of one
 * name, the error lists every provider found and, for each unavailable one, why. The system
 * property {@value #PROPERTY} names the backend {@link #best()} returns, overriding the ranking.
 *
 * <p>Thread-safe. The class path's providers are discovered once; each provider's availability
 * is asked once, and only when needed — asking for {@code cpu} does not start the native engines
 * of the others — and each backend is made at most once.
 */
public final class Backends {

  private static volatile Backends shared;

  /** The system property that overrides {@link #best()}: {@code -Ddisciplina.backend=nd4j}. */
  public static final String PROPERTY = "disciplina.backend";

  private static final String ARTIFACTS =
      "dev.disciplina:disciplina-backend-cpu, dev.disciplina:disciplina-backend-nd4j or "
          + "dev.disciplina:disciplina-backend-djl";

  private final List<Found> found;
  private final Map<String, Backend> created = new ConcurrentHashMap<>();

  private Backends(List<Found> found) {
    this.found = found;
  }

  /**
   * A registry over the given providers instead of the class path's, for tests and for
   * applications that assemble providers themselves.
   */
  public static Backends of(List<? extends BackendProvider> providers) {
    return new Backends(discover(List.<BackendProvider>copyOf(providers).iterator()));
  }

  /** The registry of the providers on the class path, discovered once. */
  public static Backends discovered() {
    Backends b = shared;
    if (b == null) {
      synchronized (Backends.class) {
        b = shared;
        if (b == null) {
          b = new Backends(discover(
              ServiceLoader.load(BackendProvider.class, classLoader()).iterator()));
          shared = b;
        }
      }
    }
    return b;
  }

  /** What discovery found about one provider. */
  public record Info(String name, int priority, Availability availability, String providerClass) {
    public boolean available() {
      return availability.available();
    }
  }

  /** A discovered provider; its availability is asked the first time someone needs it. */
  private static final class Found {
    private final String name;
    private final int priority;
    private final String providerClass;
    private final BackendProvider provider;
    private Availability availability;

    Found(String name, int priority, String providerClass, BackendProvider provider,
        Availability known) {
      this.name = name;
      this.priority = priority;
      this.providerClass = providerClass;
      this.provider = provider;
      this.availability = known;
    }

    synchronized Availability availability() {
      if (availability == null) {
        try {
          availability = provider.availability();
          if (availability == null) {
            availability = Availability.unavailable(providerClass + ".availability() returned null");
          }
        } catch (RuntimeException | LinkageError e) {
          availability = Availability.unavailable(e);
        }
      }
      return availability;
    }

    boolean available() {
      return availability().available();
    }

    Info info() {
      return new Info(name, priority, availability(), providerClass);
    }
  }

  /** Every provider on the class path, highest priority first, each with its availability. */
  public static List<Info> all() {
    return discovered().infos();
  }

  /** The class path's backend called {@code name}; see {@link #backend(String)}. */
  public static Backend named(String name) {
    return discovered().backend(name);
  }

  /** The class path's best backend; see {@link #bestBackend(String)}. */
  public static Backend best() {
    return discovered().bestBackend(System.getProperty(PROPERTY));
  }

  /** Names of the available backends on the class path, highest priority first. */
  public static List<String> availableNames() {
    return discovered().infos().stream().filter(Info::available).map(Info::name).toList();
  }

  /**
   * What discovery found about the provider called {@code name}, asking only that provider for
   * its availability (so describing a cpu run does not start the native engines).
   */
  public static Optional<Info> info(String name) {
    return discovered().infoOf(name);
  }

  /** The provider of this registry called {@code name}, with its availability, if there is one. */
  public Optional<Info> infoOf(String name) {
    return found.stream().filter(f -> f.name.equals(name)).findFirst().map(Found::info);
  }

  /** Every provider of this registry, highest priority first, each with its availability. */
  public List<Info> infos() {
    return found.stream().map(Found::info).toList();
  }

  /**
   * The backend called {@code name}.
   *
   * @throws BackendException if no provider has that name, two do, or it is unavailable
   */
  public Backend backend(String name) {
    Backend made = created.get(name);
    if (made != null) {
      return made;
    }
    List<Found> matches =
        found.stream().filter(f -> f.name.equals(name)).toList();
    if (matches.isEmpty()) {
      throw new BackendException("unknown backend '" + name + "'. " + listing());
    }
    if (matches.size() > 1) {
      throw new BackendException(
          "two providers are named '" + name + "': "
              + matches.stream().map(f -> f.providerClass).collect(Collectors.joining(", "))
              + "; remove one from the class path");
    }
    Found f = matches.get(0);
    if (!f.available()) {
      throw new BackendException(
          "backend '" + name + "' is unavailable: " + f.availability().detail() + ". "
              + listing());
    }
    return created.computeIfAbsent(name, n -> create(f));
  }

  /**
   * The backend named by {@code override} (the value of {@value #PROPERTY}) if it is set, else
   * the available backend of highest priority.
   *
   * @throws BackendException if none is available, or the named one is not
   */
  public Backend bestBackend(String override) {
    if (override != null && !override.isBlank()) {
      return backend(override.trim());
    }
    List<Found> list = found;
    if (list.isEmpty()) {
      throw new BackendException(
          "no Disciplina backend on the class path; add one of " + ARTIFACTS);
    }
    for (Found f : list) {
      if (f.available()) {
        return backend(f.name);
      }
    }
    throw new BackendException("no backend is available. " + listing());
  }

  private static Backend create(Found f) {
    try {
      Backend b = f.provider.create();
      if (b == null || !f.name.equals(b.name())) {
        throw new BackendException(
            "provider " + f.providerClass + " made a backend named '"
                + (b == null ? null : b.name()) + "', expected '" + f.name + "'");
      }
      return b;
    } catch (BackendException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new BackendException(
          "backend '" + f.name + "' failed to start: " + Availability.unavailable(e).detail(),
          e);
    }
  }

  /** "Found: cpu (available: ...), nd4j (unavailable: ...)". */
  String listing() {
    List<Found> list = found;
    if (list.isEmpty()) {
      return "No backend was found on the class path; add one of " + ARTIFACTS + ".";
    }
    return "Found: "
        + list.stream()
            .map(f -> f.name + " (" + (f.available() ? "available" : "unavailable")
                + ": " + f.availability().detail() + ")")
            .collect(Collectors.joining(", "))
        + ".";
  }

  private static List<Found> discover(Iterator<BackendProvider> iterator) {
    List<Found> list = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    while (true) {
      BackendProvider p;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        p = iterator.next();
      } catch (ServiceConfigurationError e) {
        // A provider class that cannot be loaded is reported, not allowed to hide the others.
        String name = "broken-provider-" + (seen.size() + 1);
        seen.put(name, 1);
        list.add(new Found(name, Integer.MIN_VALUE, "?", null, Availability.unavailable(e)));
        continue;
      }
      list.add(new Found(p.name(), p.priority(), p.getClass().getName(), p, null));
    }
    list.sort(Comparator.comparingInt((Found f) -> -f.priority).thenComparing(f -> f.name));
    return List.copyOf(list);
  }

  private static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Backends.class.getClassLoader();
  }
}
