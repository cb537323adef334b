package dev.disciplina.trainer.checkpoint;

import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's weights as safetensors, under the keys PyTorch's {@code state_dict} uses for the same
 * network: a {@code Sequential}'s children are {@code 0}, {@code 1}, ..., so its parameters are
 * {@code 0.weight}, {@code 0.bias}, {@code 2.weight}; a {@code Linear} weight has shape {@code
 * [out, in]} and its bias {@code [out]}; {@code BatchNorm1d} has {@code weight}, {@code bias},
 * {@code running_mean} and {@code running_var}. Our {@link Module#namedParameters()} and {@link
 * Module#namedBuffers()} already use exactly these paths, so the mapping is the identity and
 * {@code torch.nn.Sequential.load_state_dict(safetensors.torch.load_file(...))} takes the file.
 * PyTorch's extra {@code num_batches_tracked} buffers are accepted and ignored on load.
 *
 * <p>Stateless; a model must not be trained while it is saved or loaded.
 */
public final class ModelWeights {

  /** The metadata PyTorch's {@code safetensors.torch.save_file} writes. */
  public static final Map<String, String> PYTORCH_METADATA = Map.of("format", "pt");

  private ModelWeights() {}

  /** Every parameter and buffer of {@code model} as an F32 tensor, by its state_dict name. */
  public static Safetensors of(Module model) {
    Map<String, SafeTensor> out = new LinkedHashMap<>();
    model.namedParameters().forEach((n, p) -> out.put(n, f32(p.value())));
    model.namedBuffers().forEach((n, b) -> out.put(n, f32(b)));
    return new Safetensors(out, PYTORCH_METADATA);
  }

  /** Writes {@code model}'s weights to {@code file}, atomically. */
  public static void save(Module model, Path file) throws IOException {
    of(model).write(file);
  }

  /** Reads {@code file} and loads it into {@code model}; see {@link #load(Module, Safetensors, String)}. */
  public static void load(Module model, Path file) throws IOException {
    load(model, Safetensors.read(file), file.toString());
  }

  /**
   * Overwrites {@code model}'s parameters and buffers in place from {@code weights}, converting
   * F16, BF16 and F64 to float. Every name must be there with the same shape and nothing else
   * (but PyTorch's {@code num_batches_tracked}); otherwise nothing is changed and the one-line
   * error names {@code source}, the tensor and both shapes.
   */
  public static void load(Module model, Safetensors weights, String source)
      throws SafetensorsException {
    Map<String, Tensor> targets = new LinkedHashMap<>();
    model.namedParameters().forEach((n, p) -> targets.put(n, p.value()));
    model.namedBuffers().forEach(targets::put);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : targets.entrySet()) {
      SafeTensor t = weights.tensors().get(e.getKey());
      if (t == null) {
        throw new SafetensorsException(source, "no tensor '" + e.getKey() + "' for the model's "
            + e.getValue().shape() + " " + kind(model, e.getKey()));
      }
      long[] want = Arrays.stream(e.getValue().shape().toArray()).asLongStream().toArray();
      if (!Arrays.equals(want, t.shape())) {
        throw new SafetensorsException(source, "tensor '" + e.getKey() + "' has shape "
            + Arrays.toString(t.shape()) + " but the model's " + kind(model, e.getKey())
            + " has shape " + Arrays.toString(want));
      }
      try {
        values.put(e.getKey(), t.toFloats());
      } catch (IllegalArgumentException notReal) {
        throw new SafetensorsException(source, "tensor '" + e.getKey() + "' has dtype "
            + t.dtype() + ", which cannot be loaded as weights");
      }
    }
    TreeSet<String> extra = new TreeSet<>(weights.tensors().keySet());
    extra.removeAll(targets.keySet());
    extra.removeIf(n -> n.equals("num_batches_tracked") || n.endsWith(".num_batches_tracked"));
    if (!extra.isEmpty()) {
      throw new SafetensorsException(source, "tensors " + extra
          + " belong to no parameter or buffer of the model (a different architecture?)");
    }
    model.loadStateDict(values);
  }

  private static String kind(Module model, String name) {
    Parameter p = model.namedParameters().get(name);
    return p != null ? "parameter" : "buffer";
  }

  private static SafeTensor f32(Tensor t) {
    long[] shape = Arrays.stream(t.shape().toArray()).asLongStream().toArray();
    return SafeTensor.ofFloats(shape, t.toArray());
  }
}
