package dev.disciplina.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disciplina.api.nn.BatchNorm1d;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {

  static Sequential mlp(long seed) {
    Rng rng = Rng.seeded(seed);
    return new Sequential(new Linear(4, 3, rng), new ReLU(), new Linear(3, 2, rng));
  }

  @Test
  @DisplayName("a Sequential's weights carry PyTorch state_dict names and shapes: 0.weight [out, in], 0.bias, 2.weight")
  void pytorchNames() {
    try (Scope s = Scope.open(Backends.named("cpu"))) {
      Safetensors st = ModelWeights.of(mlp(1));
      assertEquals(List.of("0.bias", "0.weight", "2.bias", "2.weight"), List.copyOf(st.tensors().keySet()));
      assertArrayEquals(new long[] {3, 4}, st.tensor("0.weight").shape());
      assertArrayEquals(new long[] {2}, st.tensor("2.bias").shape());
      assertEquals(Dtype.F32, st.tensor("0.weight").dtype());
      assertEquals(Map.of("format", "pt"), st.metadata());
    }
  }

  @Test
  @DisplayName("saving and loading into a differently seeded model makes every parameter and buffer bit-identical")
  void roundTrip(@TempDir Path dir) throws Exception {
    try (Scope s = Scope.open(Backends.named("cpu"))) {
      Rng rng = Rng.seeded(3);
      Sequential a = new Sequential(new Linear(4, 3, rng), new BatchNorm1d(3), new Linear(3, 2, rng));
      Rng other = Rng.seeded(4);
      Sequential b = new Sequential(new Linear(4, 3, other), new BatchNorm1d(3), new Linear(3, 2, other));
      Path f = dir.resolve("model.safetensors");
      ModelWeights.save(a, f);
      ModelWeights.load(b, f);
      Map<String, float[]> sa = a.stateDict();
      Map<String, float[]> sb = b.stateDict();
      assertEquals(sa.keySet(), sb.keySet());
      sa.forEach((n, v) -> assertArrayEquals(v, sb.get(n), n));
      assertTrue(sa.containsKey("1.running_var"));
    }
  }

  @Test
  @DisplayName("loading a file of another architecture names the tensor and both shapes and changes nothing")
  void mismatch() {
    try (Scope s = Scope.open(Backends.named("cpu"))) {
      Sequential model = mlp(1);
      Map<String, float[]> before = model.stateDict();
      Map<String, SafeTensor> t = new LinkedHashMap<>(ModelWeights.of(mlp(2)).tensors());
      t.put("2.weight", SafeTensor.ofFloats(new long[] {3, 2}, new float[6]));
      SafetensorsException e = assertThrows(SafetensorsException.class,
          () -> ModelWeights.load(model, Safetensors.of(t), "w.safetensors"));
      assertEquals("w.safetensors: tensor '2.weight' has shape [3, 2] but the model's parameter has"
          + " shape [2, 3]", e.getMessage());
      model.stateDict().forEach((n, v) -> assertArrayEquals(before.get(n), v, n));

      t.remove("2.weight");
      e = assertThrows(SafetensorsException.class,
          () -> ModelWeights.load(model, Safetensors.of(t), "w.safetensors"));
      assertTrue(e.getMessage().contains("no tensor '2.weight'"), e.getMessage());

      Map<String, SafeTensor> extra = new LinkedHashMap<>(ModelWeights.of(mlp(2)).tensors());
      extra.put("4.weight", SafeTensor.ofFloats(new long[] {1}, new float[1]));
      extra.put("1.num_batches_tracked", SafeTensor.ofLongs(new long[] {}, new long[1]));
      e = assertThrows(SafetensorsException.class,
          () -> ModelWeights.load(model, Safetensors.of(extra), "w.safetensors"));
      assertTrue(e.getMessage().contains("tensors [4.weight] belong to no parameter"), e.getMessage());
    }
  }
}
