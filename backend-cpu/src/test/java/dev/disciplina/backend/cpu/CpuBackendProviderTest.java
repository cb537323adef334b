package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.BackendProvider;
import dev.disciplina.api.tensor.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cpu backend provider")
class CpuBackendProviderTest {

  @Test
  @DisplayName("is found by ServiceLoader under the name cpu with priority 10")
  void discovered() {
    BackendProvider cpu = ServiceLoader.load(BackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("cpu"))
        .findFirst()
        .orElseThrow();
    assertThat(cpu).isInstanceOf(CpuBackendProvider.class);
    assertThat(cpu.priority()).isEqualTo(10);
  }

  @Test
  @DisplayName("is available when the Vector API module is present, as under these tests")
  void available() {
    var availability = new CpuBackendProvider().availability();
    assertThat(availability.available()).isTrue();
    assertThat(availability.detail()).contains("jdk.incubator.vector");
  }

  @Test
  @DisplayName("makes a backend named cpu that Backends hands out")
  void creates() {
    Backend backend = new CpuBackendProvider().create();
    assertThat(backend).isInstanceOf(CpuBackend.class);
    assertThat(backend.name()).isEqualTo("cpu");
    assertThat(Backends.named("cpu")).isInstanceOf(CpuBackend.class);
  }

  @Test
  @DisplayName("the reason given without the Vector API tells how to fix it")
  void reason() {
    assertThat(CpuBackendProvider.UNAVAILABLE_REASON)
        .isEqualTo("run the JVM with --add-modules jdk.incubator.vector");
  }
}
