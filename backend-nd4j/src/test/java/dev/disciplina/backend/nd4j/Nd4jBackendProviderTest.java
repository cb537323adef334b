package dev.disciplina.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.tensor.Availability;
import dev.disciplina.api.tensor.BackendException;
import dev.disciplina.api.tensor.BackendProvider;
import dev.disciplina.api.tensor.Backends;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The nd4j provider")
class Nd4jBackendProviderTest {

  @Test
  @DisplayName("is found by ServiceLoader as 'nd4j' with priority 5")
  void registered() {
    List<BackendProvider> found = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class).forEach(found::add);
    assertThat(found)
        .filteredOn(p -> p.name().equals("nd4j"))
        .singleElement()
        .isInstanceOf(Nd4jBackendProvider.class)
        .extracting(BackendProvider::priority)
        .isEqualTo(5);
  }

  @Test
  @DisplayName("is available here, naming ND4J's version, the BLAS library and the threads")
  void availableHere() {
    Availability a = new Nd4jBackendProvider().availability();
    assertThat(a.available()).as(a.detail()).isTrue();
    assertThat(a.detail()).contains("ND4J 1.0.0-M2.1", "OPENBLAS", "BLAS threads", "1 op threads");
    assertThat(Backends.all())
        .filteredOn(i -> i.name().equals("nd4j"))
        .singleElement()
        .satisfies(i -> assertThat(i.available()).isTrue());
    assertThat(Backends.named("nd4j").description()).isEqualTo(a.detail());
  }

  @Test
  @DisplayName("a native library that does not load makes it unavailable, with the reason")
  void nativeLibraryMissing() {
    Nd4jBackendProvider provider = new Nd4jBackendProvider(() -> {
      throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
    });
    Availability a = provider.availability();
    assertThat(a.available()).isFalse();
    assertThat(a.detail()).contains("UnsatisfiedLinkError", "no jnind4jcpu");
    assertThatThrownBy(provider::create)
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("nd4j")
        .hasMessageContaining("no jnind4jcpu")
        .hasCauseInstanceOf(UnsatisfiedLinkError.class);
  }

  @Test
  @DisplayName("a failing static initialiser makes it unavailable, naming the cause")
  void initialiserFails() {
    Nd4jBackendProvider provider = new Nd4jBackendProvider(() -> {
      throw new ExceptionInInitializerError(new RuntimeException("no backend found"));
    });
    Availability a = provider.availability();
    assertThat(a.available()).isFalse();
    assertThat(a.detail()).contains("ExceptionInInitializerError", "no backend found");
  }

  @Test
  @DisplayName("naming and ranking it loads nothing of ND4J or javacpp")
  void listingLoadsNoNativeCode() throws Exception {
    try (RecordingLoader loader = new RecordingLoader(testClassPath())) {
      Class<?> spi = loader.loadClass(BackendProvider.class.getName());
      Object provider = null;
      for (Object p : ServiceLoader.load(spi, loader)) {
        if (spi.getMethod("name").invoke(p).equals("nd4j")) {
          provider = p;
        }
      }
      assertThat(provider).isNotNull();
      assertThat(spi.getMethod("priority").invoke(provider)).isEqualTo(5);
      assertThat(loader.requested)
          .as("classes requested while listing")
          .noneMatch(n -> n.startsWith("org.nd4j.") || n.startsWith("org.bytedeco."));
      assertThat(loader.requested).contains(Nd4jBackendProvider.class.getName());
    }
  }

  private static URL[] testClassPath() throws MalformedURLException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  /** Loads the test class path afresh and records every class name asked of it. */
  private static final class RecordingLoader extends URLClassLoader {
    final Set<String> requested = ConcurrentHashMap.newKeySet();

    RecordingLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }
  }
}
