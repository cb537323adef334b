package dev.disciplina.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.checkpoint.ModelWeights;
import dev.disciplina.trainer.checkpoint.SafeTensor;
import dev.disciplina.trainer.checkpoint.Safetensors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our safetensors codec against one we did not write: DJL 0.36's {@code NDList} decodes and
 * encodes the format ({@code NDList.decode} recognises it, {@code NDList.Encoding.SAFETENSORS}
 * writes it).
 */
@DisplayName("safetensors against DJL's implementation")
class SafetensorsDjlCrossCheckTest {

  private static NDManager manager() {
    return NDManager.newBaseManager(DjlEngine.pytorch().defaultDevice(), DjlEngine.NAME);
  }

  @Test
  @DisplayName("DJL reads what we write: names, dtypes, shapes and values")
  void djlReadsOurs() {
    Map<String, SafeTensor> t = new LinkedHashMap<>();
    t.put("0.weight", SafeTensor.ofFloats(new long[] {3, 4},
        new float[] {1, -2, 3.5f, 0, 1e-7f, -1e7f, 0.1f, 2, 3, 4, 5, Float.MIN_VALUE}));
    t.put("0.bias", SafeTensor.ofFloats(new long[] {3}, new float[] {0.25f, -0.5f, 8}));
    t.put("moments", SafeTensor.ofDoubles(new long[] {2}, new double[] {0.1, -1e300}));
    t.put("steps", SafeTensor.ofLongs(new long[] {2, 1}, new long[] {42, -7_000_000_000L}));
    t.put("ints", SafeTensor.ofInts(new long[] {1, 2}, new int[] {-3, 9}));
    byte[] ours = new Safetensors(t, Map.of("format", "pt")).toBytes();
    try (NDManager m = manager()) {
      NDList list = NDList.decode(m, ours);
      assertEquals(t.size(), list.size());
      for (Map.Entry<String, SafeTensor> e : t.entrySet()) {
        NDArray a = list.get(e.getKey());
        assertArrayEquals(e.getValue().shape(), a.getShape().getShape(), e.getKey());
        switch (e.getValue().dtype()) {
          case F32 -> {
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(e.getValue().toFloats(), a.toFloatArray(), e.getKey());
          }
          case F64 -> {
            assertEquals(DataType.FLOAT64, a.getDataType());
            assertArrayEquals(e.getValue().toDoubles(), a.toDoubleArray());
          }
          case I64 -> {
            assertEquals(DataType.INT64, a.getDataType());
            assertArrayEquals(e.getValue().toLongs(), a.toLongArray());
          }
          case I32 -> {
            assertEquals(DataType.INT32, a.getDataType());
            assertArrayEquals(new int[] {-3, 9}, a.toIntArray());
          }
          default -> throw new AssertionError(e.getValue().dtype());
        }
      }
    }
  }

  @Test
  @DisplayName("we read what DJL writes, and rewriting it gives DJL the same arrays back")
  void weReadDjls() throws Exception {
    try (NDManager m = manager()) {
      NDArray w = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      w.setName("2.weight");
      NDArray b = m.create(new float[] {-1, 0.5f}, new Shape(2));
      b.setName("2.bias");
      NDArray d = m.create(new double[] {Math.PI}, new Shape(1));
      d.setName("pi");
      NDArray l = m.create(new long[] {1L << 40, -1}, new Shape(2));
      l.setName("count");
      byte[] djl = new NDList(w, b, d, l).encode(NDList.Encoding.SAFETENSORS);

      Safetensors st = Safetensors.parse("djl.safetensors", djl);
      assertEquals(java.util.Set.of("2.weight", "2.bias", "pi", "count"), st.tensors().keySet());
      assertArrayEquals(new long[] {2, 3}, st.tensor("2.weight").shape());
      assertArrayEquals(w.toFloatArray(), st.tensor("2.weight").toFloats());
      assertArrayEquals(b.toFloatArray(), st.tensor("2.bias").toFloats());
      assertArrayEquals(new double[] {Math.PI}, st.tensor("pi").toDoubles());
      assertArrayEquals(new long[] {1L << 40, -1}, st.tensor("count").toLongs());

      NDList back = NDList.decode(m, st.toBytes());
      assertArrayEquals(w.toFloatArray(), back.get("2.weight").toFloatArray());
      assertArrayEquals(l.toLongArray(), back.get("count").toLongArray());
    }
  }

  @Test
  @DisplayName("a model trained on the djl backend saves weights DJL loads under PyTorch's state_dict names")
  void modelWeights() {
    try (Scope s = Scope.open(Backends.named("djl")); NDManager m = manager()) {
      Rng rng = Rng.seeded(7);
      Sequential model = new Sequential(new Linear(5, 4, rng), new ReLU(), new Linear(4, 3, rng));
      NDList list = NDList.decode(m, ModelWeights.of(model).toBytes());
      assertEquals(4, list.size());
      model.namedParameters().forEach((name, p) -> {
        NDArray a = list.get(name);
        long[] shape = java.util.Arrays.stream(p.value().shape().toArray()).asLongStream().toArray();
        assertArrayEquals(shape, a.getShape().getShape(), name);
        assertArrayEquals(p.snapshot(), a.toFloatArray(), name);
      });
    }
  }
}
