package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.checkpoint.ModelWeights;
import dev.disciplina.trainer.checkpoint.Safetensors;
import dev.disciplina.trainer.checkpoint.SafetensorsException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A checkpoint round-trip of the model: its weights written as safetensors, read back and loaded
 * into a model built with other initial weights must give bit-identical parameters, buffers and
 * outputs. Fails when a layer keeps state outside its registered parameters and buffers, which a
 * checkpoint would silently lose.
 */
final class CheckpointRoundTripCheck implements PreflightCheck {

  static final String NAME = "checkpoint round-trip";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(PreflightSubject s) {
    Dataset batch = s.fixedBatch();
    try (Scope scope = s.openScope()) {
      Module original = s.freshModel().eval();
      Module restored = s.otherModel("checkpoint").eval();
      byte[] bytes = ModelWeights.of(original).toBytes();
      Safetensors read = Safetensors.parse("checkpoint round-trip", bytes);
      ModelWeights.load(restored, read, "checkpoint round-trip");
      Map<String, float[]> a = original.stateDict();
      Map<String, float[]> b = restored.stateDict();
      for (Map.Entry<String, float[]> e : a.entrySet()) {
        if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
          return CheckResult.fail(NAME, "tensor '" + e.getKey() + "' changed in the round-trip");
        }
      }
      int[] rows = new int[batch.size()];
      Arrays.setAll(rows, i -> i);
      float[] before;
      float[] after;
      try (Scope step = Scope.open(s.backend())) {
        Batch b0 = new Batch(batch, rows, 0);
        before = original.forward(b0.inputs()).value().toArray();
        after = restored.forward(b0.inputs()).value().toArray();
      }
      long values = a.values().stream().mapToLong(v -> v.length).sum();
      String detail = String.format(Locale.ROOT, "%d tensors, %d values, %d bytes of "
          + "safetensors", a.size(), values, bytes.length);
      if (!Arrays.equals(before, after)) {
        return CheckResult.fail(NAME, detail + "; but the restored model's outputs differ: a "
            + "layer keeps state outside its parameters and buffers, which checkpoints lose");
      }
      return CheckResult.pass(NAME, detail + ", read back bit-identical, same outputs on a batch of "
          + batch.size());
    } catch (SafetensorsException e) {
      return CheckResult.fail(NAME, e.getMessage());
    }
  }
}
