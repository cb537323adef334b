package dev.disciplina.trainer.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("comparing two manifests")
class RunComparisonTest {

  private static RunManifest manifest(Map<String, String> config, String trainHash, String java) {
    return new RunManifest(RunManifest.SCHEMA, "id", config, Hashing.configurationHash(config), 1,
        new RunManifest.BackendInfo("cpu", "pure Java"),
        new RunManifest.DataIdentity("digits", "embedded", 64, 10, 1438, 359, trainHash, "v"),
        new RunManifest.ModelSummary(List.of(), 10), "Adam", "constant",
        new RunManifest.Environment("0.1", java, "Linux", 2), "t0", null, null, null, null);
  }

  private static Map<String, String> config(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  @DisplayName("one changed key is one change and one factor")
  void oneChange() {
    RunComparison c = RunComparison.of(manifest(config("lr", "0.1", "seed", "1"), "t", "17"),
        manifest(config("lr", "0.2", "seed", "1"), "t", "17"));
    assertThat(c.changes()).containsExactly(new RunComparison.Change("lr", "0.1", "0.2"));
    assertThat(c.factors()).containsExactly("lr");
    assertThat(c.dataDiffers()).isFalse();
  }

  @Test
  @DisplayName("a change of data that a changed seed explains is not another factor")
  void explainedData() {
    RunComparison c = RunComparison.of(manifest(config("seed", "1"), "t1", "17"),
        manifest(config("seed", "2"), "t2", "17"));
    assertThat(c.changes()).extracting(RunComparison.Change::key).containsExactly("seed", "data");
    assertThat(c.factors()).containsExactly("seed");
    assertThat(c.dataDiffers()).isTrue();
  }

  @Test
  @DisplayName("a new Java beside a new learning rate is two factors, and so is unexplained data")
  void twoFactors() {
    assertThat(RunComparison.of(manifest(config("lr", "0.1"), "t", "17"),
        manifest(config("lr", "0.2"), "t", "25")).factors()).containsExactly("lr", "java");
    assertThat(RunComparison.of(manifest(config("lr", "0.1"), "t1", "17"),
        manifest(config("lr", "0.2"), "t2", "17")).factors()).containsExactly("lr", "data");
  }

  @Test
  @DisplayName("the configuration hash does not depend on the order of the keys")
  void hashIgnoresOrder() {
    assertThat(Hashing.configurationHash(config("a", "1", "b", "2")))
        .isEqualTo(Hashing.configurationHash(config("b", "2", "a", "1")))
        .isNotEqualTo(Hashing.configurationHash(config("a", "1", "b", "3")));
  }
}
