package dev.disciplina.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.trainer.checkpoint.AtomicFiles;
import dev.disciplina.trainer.checkpoint.ModelWeights;
import dev.disciplina.trainer.checkpoint.SafeTensor;
import dev.disciplina.trainer.checkpoint.Safetensors;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checkpoint directory format. A run's checkpoint root holds one directory per checkpoint,
 * named {@code ckpt-<iteration>-<epoch>-<batches>} (zero-padded, so names sort by progress), each
 * with {@code model.safetensors} (weights under PyTorch {@code state_dict} names), {@code
 * optimizer.safetensors} (state tensors keyed {@code state.<i>.<slot>}), {@code state.json} (loop
 * state, configuration, description) and, when a stop policy keeps weights, {@code
 * policies.safetensors} (keyed {@code <policy>/<snapshot>/<weight name>}).
 *
 * <p><b>Durability.</b> A checkpoint is written into a temporary directory beside the others,
 * each file forced to the device, the directory forced, renamed into place in one atomic step,
 * and the root forced: a crash leaves the old checkpoints and at most a {@code .tmp-*} directory,
 * never a half checkpoint under a real name. Old checkpoints are deleted only after the new one
 * is durable, and by a rename to a {@code .tmp-} name first, so that a crash in the middle of a
 * deletion leaves no half checkpoint either; a directory without {@code state.json} is not a
 * checkpoint. Stateless; one writer per root at a time.
 */
public final class Checkpoints {

  public static final String MODEL = "model.safetensors";
  public static final String OPTIMIZER = "optimizer.safetensors";
  public static final String STATE = "state.json";
  public static final String POLICIES = "policies.safetensors";
  private static final String PREFIX = "ckpt-";

  private Checkpoints() {}

  /** Writes a checkpoint under {@code root} durably and returns its directory. */
  public static Path write(Path root, Module model, Optimizer optimizer, LoopState state,
      Map<String, String> config, Map<String, String> run) throws IOException {
    Files.createDirectories(root);
    String name = String.format(Locale.ROOT, "%s%012d-%06d-%06d", PREFIX, state.iteration(),
        state.epoch(), state.progress().batches());
    Path target = root.resolve(name);
    if (Files.isRegularFile(target.resolve(STATE))) {
      return target; // the same position was already saved (a step boundary that ends an epoch)
    }
    if (Files.exists(target)) {
      discard(root, target); // not a whole checkpoint: what a crash left of a deletion
    }
    Path tmp = Files.createTempDirectory(root, ".tmp-" + name + "-");
    try {
      ModelWeights.of(model).write(tmp.resolve(MODEL));
      optimizerTensors(optimizer, state).write(tmp.resolve(OPTIMIZER));
      Safetensors policies = policyTensors(state);
      if (!policies.tensors().isEmpty()) {
        policies.write(tmp.resolve(POLICIES));
      }
      AtomicFiles.write(tmp.resolve(STATE), StateJson.write(config, run, state));
      AtomicFiles.forceDirectory(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.forceDirectory(root);
    } finally {
      deleteTree(tmp);
    }
    return target;
  }

  private static Safetensors optimizerTensors(Optimizer optimizer, LoopState state) {
    Map<String, SafeTensor> out = new LinkedHashMap<>();
    state.optimizer().tensors().forEach((key, values) -> {
      int index = Integer.parseInt(key.split("\\.")[1]);
      int[] shape = optimizer.parameters().get(index).value().shape().toArray();
      out.put(key, SafeTensor.ofFloats(Arrays.stream(shape).asLongStream().toArray(), values));
    });
    return new Safetensors(out, Map.of("kind", state.optimizer().kind()));
  }

  private static Safetensors policyTensors(LoopState state) {
    Map<String, SafeTensor> out = new LinkedHashMap<>();
    state.policies().forEach((policy, ps) -> ps.snapshots().forEach((snap, w) ->
        w.state().forEach((weight, values) -> out.put(policy + "/" + snap + "/" + weight,
            SafeTensor.ofFloats(new long[] {values.length}, values)))));
    return Safetensors.of(out);
  }

  /**
   * Deletes all but the {@code keepLast} newest checkpoints under {@code root} and the one with
   * the lowest validation loss (0 keeps all), and any temporary directory a crash left.
   */
  public static void prune(Path root, int keepLast) throws IOException {
    List<Path> all = list(root);
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(root, ".tmp-*")) {
      for (Path t : tmp) {
        deleteTree(t);
      }
    }
    if (keepLast == 0 || all.size() <= keepLast) {
      return;
    }
    Path best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    ObjectMapper json = new ObjectMapper();
    for (Path p : all) {
      JsonNode v = json.readTree(p.resolve(STATE).toFile()).path("validation_loss");
      if (v.isNumber() && v.doubleValue() < bestLoss) {
        bestLoss = v.doubleValue();
        best = p;
      }
    }
    for (Path p : all.subList(0, all.size() - keepLast)) {
      if (!p.equals(best)) {
        discard(root, p);
      }
    }
    AtomicFiles.forceDirectory(root);
  }

  /** The checkpoints under {@code root}, oldest first. */
  public static List<Path> list(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX)
              && Files.isRegularFile(p.resolve(STATE)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  /** {@code path} itself when it is a checkpoint, else the newest checkpoint under it. */
  public static Path latest(Path path) throws CheckpointException {
    if (Files.isRegularFile(path.resolve(STATE))) {
      return path;
    }
    List<Path> all;
    try {
      all = list(path);
    } catch (IOException e) {
      throw new CheckpointException(path, "cannot list checkpoints: " + e.getMessage());
    }
    if (all.isEmpty()) {
      throw new CheckpointException(path, Files.isDirectory(path)
          ? "no checkpoint here (no " + STATE + ", no " + PREFIX + "* directory)"
          : "no such checkpoint directory");
    }
    return all.get(all.size() - 1);
  }

  /** Reads and checks the checkpoint in directory {@code dir}. */
  public static Checkpoint read(Path dir) throws IOException {
    Safetensors model = Safetensors.read(existing(dir.resolve(MODEL)));
    Map<String, float[]> optimizer = new LinkedHashMap<>();
    Safetensors.read(existing(dir.resolve(OPTIMIZER))).tensors()
        .forEach((k, t) -> optimizer.put(k, t.toFloats()));
    Map<String, Map<String, float[]>> snapshots = new LinkedHashMap<>();
    if (Files.exists(dir.resolve(POLICIES))) {
      Safetensors.read(dir.resolve(POLICIES)).tensors().forEach((k, t) -> {
        int cut = k.lastIndexOf('/');
        String owner = cut < 0 ? "" : k.substring(0, cut);
        snapshots.computeIfAbsent(owner, o -> new LinkedHashMap<>())
            .put(k.substring(cut + 1), t.toFloats());
      });
    }
    Path stateFile = existing(dir.resolve(STATE));
    StateJson.Content c = StateJson.read(stateFile, Files.readAllBytes(stateFile), optimizer,
        snapshots);
    return new Checkpoint(dir, c.config(), c.run(), c.state(), model);
  }

  private static Path existing(Path file) throws CheckpointException {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(file, "missing: not a complete checkpoint");
    }
    return file;
  }

  /**
   * Deletes a checkpoint so that a crash at any moment leaves it whole or gone: it is first
   * renamed, atomically, to a {@code .tmp-} name (which {@link #prune} clears), then deleted.
   */
  private static void discard(Path root, Path checkpoint) throws IOException {
    Path doomed = root.resolve(".tmp-deleting-" + checkpoint.getFileName() + "-"
        + System.nanoTime());
    Files.move(checkpoint, doomed, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.forceDirectory(root);
    deleteTree(doomed);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      List<Path> paths = new ArrayList<>(s.toList());
      paths.sort(Comparator.reverseOrder());
      for (Path q : paths) {
        try {
          Files.deleteIfExists(q);
        } catch (NoSuchFileException gone) {
          // already deleted
        }
      }
    }
  }
}
