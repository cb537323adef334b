package dev.disciplina.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Availability;
import dev.disciplina.api.tensor.BackendProvider;
import dev.disciplina.api.tensor.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The djl provider")
class DjlBackendProviderTest {

  @Test
  @DisplayName("is registered for ServiceLoader under the name djl with priority 1")
  void registered() {
    assertThat(ServiceLoader.load(BackendProvider.class).stream()
            .map(ServiceLoader.Provider::type))
        .contains(DjlBackendProvider.class);
    DjlBackendProvider provider = new DjlBackendProvider();
    assertThat(provider.name()).isEqualTo("djl");
    assertThat(provider.priority()).isEqualTo(1);
  }

  @Test
  @DisplayName("reports PyTorch and its version when available, and puts DJL offline")
  void available() {
    Availability a = new DjlBackendProvider().availability();
    assertThat(a.available()).as(a.detail()).isTrue();
    assertThat(a.detail()).startsWith("PyTorch 2.").contains("DJL 0.36").contains("intra-op threads");
    // Unless the build passes its own value, the provider has switched offline mode on.
    assertThat(System.getProperty("ai.djl.offline")).isNotNull();
  }

  @Test
  @DisplayName("is found by Backends, whose backend names itself and describes its engine")
  void discovered() {
    assertThat(Backends.all()).anySatisfy(info -> {
      assertThat(info.name()).isEqualTo("djl");
      assertThat(info.available()).isTrue();
    });
    DjlBackend backend = Ref.backend();
    assertThat(backend.name()).isEqualTo("djl");
    assertThat(backend.description()).startsWith("djl: PyTorch ");
  }

  @Test
  @DisplayName("touches no DJL class: the provider's class refers to nothing of ai.djl")
  void noDjlBeforeUse() throws Exception {
    // The bytecode of the provider must not mention DJL, so loading it cannot load DJL.
    String resource = DjlBackendProvider.class.getName().replace('.', '/') + ".class";
    byte[] bytes;
    try (var in = DjlBackendProvider.class.getClassLoader().getResourceAsStream(resource)) {
      bytes = in.readAllBytes();
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("ai/djl");
  }
}
