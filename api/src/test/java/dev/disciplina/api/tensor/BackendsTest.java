package dev.disciplina.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackendsTest {

  /** A backend that only has a name: discovery never computes with it. */
  static Backend named(String name) {
    return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(),
        new Class<?>[] {Backend.class}, (proxy, method, args) -> {
          if (method.getName().equals("name")) {
            return name;
          }
          throw new AssertionError("discovery called " + method.getName());
        });
  }

  record Provider(String name, int priority, Availability availability) implements BackendProvider {
    @Override
    public Backend create() {
      return BackendsTest.named(name);
    }
  }

  static Provider ok(String name, int priority) {
    return new Provider(name, priority, Availability.available(name + " 1.0"));
  }

  @Test
  @DisplayName("best() picks the available provider of highest priority")
  void best() {
    Backends b = Backends.of(List.of(ok("low", 1), ok("high", 9),
        new Provider("higher", 20, Availability.unavailable("native library missing"))));
    assertThat(b.bestBackend(null).name()).isEqualTo("high");
    assertThat(b.infos()).extracting(Backends.Info::name).containsExactly("higher", "high", "low");
  }

  @Test
  @DisplayName("an explicit override beats the ranking")
  void override() {
    Backends b = Backends.of(List.of(ok("low", 1), ok("high", 9)));
    assertThat(b.bestBackend("low").name()).isEqualTo("low");
  }

  @Test
  @DisplayName("an unknown name is an error that lists what was found and why each is unavailable")
  void unknown() {
    Backends b = Backends.of(List.of(ok("cpu", 10),
        new Provider("nd4j", 5, Availability.unavailable("UnsatisfiedLinkError: no jnind4jcpu"))));
    assertThatThrownBy(() -> b.backend("gpu"))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("unknown backend 'gpu'")
        .hasMessageContaining("cpu (available")
        .hasMessageContaining("nd4j (unavailable: UnsatisfiedLinkError: no jnind4jcpu)");
  }

  @Test
  @DisplayName("asking for an unavailable backend says why, never falling back to another")
  void unavailable() {
    Backends b = Backends.of(List.of(ok("cpu", 10),
        new Provider("djl", 1, Availability.unavailable("PyTorch failed to load"))));
    assertThatThrownBy(() -> b.backend("djl"))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("'djl' is unavailable: PyTorch failed to load");
    assertThatThrownBy(() -> b.bestBackend("djl")).isInstanceOf(BackendException.class);
  }

  @Test
  @DisplayName("two providers with one name are an error naming both classes")
  void duplicate() {
    Backends b = Backends.of(List.of(ok("cpu", 10), ok("cpu", 3)));
    assertThatThrownBy(() -> b.backend("cpu"))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("two providers are named 'cpu'");
  }

  @Test
  @DisplayName("with no provider the error names the three backend artifacts")
  void none() {
    Backends b = Backends.of(List.of());
    assertThatThrownBy(() -> b.bestBackend(null))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("disciplina-backend-cpu")
        .hasMessageContaining("disciplina-backend-nd4j")
        .hasMessageContaining("disciplina-backend-djl");
  }

  @Test
  @DisplayName("a provider whose availability check throws is listed as unavailable with the reason")
  void throwingAvailability() {
    BackendProvider broken = new BackendProvider() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Availability availability() {
        throw new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
      }

      @Override
      public Backend create() {
        throw new AssertionError("never made");
      }
    };
    Backends b = Backends.of(List.of(broken, ok("cpu", 1)));
    assertThat(b.infos().get(1).availability().detail())
        .contains("UnsatisfiedLinkError").contains("libfoo.so");
    assertThat(b.bestBackend(null).name()).isEqualTo("cpu");
  }

  @Test
  @DisplayName("each backend is made once and then reused")
  void madeOnce() {
    Backends b = Backends.of(List.of(ok("cpu", 1)));
    assertThat(b.backend("cpu")).isSameAs(b.backend("cpu"));
  }

  @Test
  @DisplayName("asking for one backend does not ask the others whether they are available")
  void lazyAvailability() {
    int[] asked = new int[1];
    BackendProvider slow = new BackendProvider() {
      @Override
      public String name() {
        return "native";
      }

      @Override
      public Availability availability() {
        asked[0]++;
        return Availability.available("loaded a native engine");
      }

      @Override
      public Backend create() {
        return BackendsTest.named("native");
      }
    };
    Backends b = Backends.of(List.of(slow, ok("cpu", 10)));
    assertThat(b.backend("cpu").name()).isEqualTo("cpu");
    assertThat(b.bestBackend(null).name()).isEqualTo("cpu");
    assertThat(asked[0]).isZero();
    b.infos();
    b.infos();
    assertThat(asked[0]).isEqualTo(1);
  }
}
