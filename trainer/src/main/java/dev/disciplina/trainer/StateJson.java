package dev.disciplina.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.disciplina.api.optim.OptimizerState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code state.json} of a checkpoint: the format tag, the run's configuration and description
 * (string maps), and the loop state without its tensors (those live in the safetensors files,
 * under the keys this file names). Doubles are written so they read back bit-exactly; NaN and
 * the infinities, which JSON has no numbers for, as the strings {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"}. Reading checks every field and fails with one line naming the
 * file and the field.
 */
final class StateJson {

  static final String FORMAT = "disciplina-checkpoint";
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  private StateJson(Path file) {
    this.file = file;
  }

  /** The parts of {@code state.json}. */
  record Content(Map<String, String> config, Map<String, String> run, LoopState state) {}

  static byte[] write(Map<String, String> config, Map<String, String> run, LoopState state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.set("config", JSON.valueToTree(config));
    root.set("run", JSON.valueToTree(run));
    List<EpochResult> h = state.epochs();
    root.set("validation_loss", h.isEmpty() ? JSON.nullNode()
        : number(h.get(h.size() - 1).validationLoss()));
    root.set("loop", loop(state));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("state.json: " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectNode loop(LoopState s) {
    ObjectNode loop = JSON.createObjectNode();
    loop.put("epoch", s.epoch());
    loop.put("iteration", s.iteration());
    ObjectNode progress = loop.putObject("progress");
    progress.put("batches", s.progress().batches());
    progress.put("steps", s.progress().steps());
    ArrayNode losses = progress.putArray("batch_losses");
    for (double v : s.progress().batchLosses()) {
      losses.add(number(v));
    }
    progress.set("learning_rate_sum", number(s.progress().learningRateSum()));
    progress.set("seconds", number(s.progress().seconds()));
    ObjectNode opt = loop.putObject("optimizer");
    opt.put("kind", s.optimizer().kind());
    opt.put("steps", s.optimizer().steps());
    opt.set("learning_rate", number(s.optimizer().learningRate()));
    opt.set("tensors", JSON.valueToTree(new ArrayList<>(s.optimizer().tensors().keySet())));
    ObjectNode policies = loop.putObject("policies");
    s.policies().forEach((name, p) -> policies.set(name, policy(p)));
    ArrayNode history = loop.putArray("history");
    for (EpochResult e : s.epochs()) {
      history.add(epoch(e));
    }
    return loop;
  }

  private static ObjectNode policy(PolicyState p) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode numbers = n.putObject("numbers");
    p.numbers().forEach((k, v) -> numbers.set(k, number(v)));
    ObjectNode snaps = n.putObject("snapshots");
    p.snapshots().forEach((k, w) -> {
      ObjectNode sn = snaps.putObject(k);
      sn.put("epoch", w.epoch());
      sn.put("batches", w.batches());
    });
    return n;
  }

  private static ObjectNode epoch(EpochResult e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("epoch", e.epoch());
    n.set("train_loss", number(e.trainLoss()));
    n.set("train_loss_std", number(e.trainLossStd()));
    n.set("train_eval_loss", number(e.trainEvalLoss()));
    n.set("validation_loss", number(e.validationLoss()));
    ObjectNode tm = n.putObject("train_metrics");
    e.trainMetrics().forEach((k, v) -> tm.set(k, number(v)));
    ObjectNode vm = n.putObject("validation_metrics");
    e.validationMetrics().forEach((k, v) -> vm.set(k, number(v)));
    n.set("learning_rate", number(e.learningRate()));
    n.put("iterations", e.iterations());
    n.put("optimizer_steps", e.optimizerSteps());
    n.set("seconds", number(e.seconds()));
    return n;
  }

  private static JsonNode number(double v) {
    if (Double.isFinite(v)) {
      return JSON.getNodeFactory().numberNode(v);
    }
    return JSON.getNodeFactory().textNode(Double.isNaN(v) ? "NaN"
        : v > 0 ? "Infinity" : "-Infinity");
  }

  // ---- reading ----

  /**
   * Parses {@code bytes} of {@code file}. Tensors are not in it: the optimizer state's and the
   * snapshots' values are filled in by {@code tensors} (key to values), which must hold every key
   * the file names.
   */
  static Content read(Path file, byte[] bytes, Map<String, float[]> optimizerTensors,
      Map<String, Map<String, float[]>> snapshotTensors) throws CheckpointException {
    StateJson r = new StateJson(file);
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new CheckpointException(file, "not valid JSON: " + msg.replace('\n', ' '));
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointException(file, "not a JSON object (an empty or truncated file?)");
    }
    if (!FORMAT.equals(root.path("format").asText(null))) {
      throw new CheckpointException(file, "field 'format' is not \"" + FORMAT + "\"");
    }
    if (r.integer(root, "version") != VERSION) {
      throw new CheckpointException(file, "version " + root.get("version") + " is not "
          + VERSION);
    }
    return new Content(r.strings(root, "config"), r.strings(root, "run"),
        r.loop(r.object(root, "loop"), optimizerTensors, snapshotTensors));
  }

  private LoopState loop(JsonNode loop, Map<String, float[]> optimizerTensors,
      Map<String, Map<String, float[]>> snapshotTensors) throws CheckpointException {
    JsonNode p = object(loop, "progress");
    JsonNode lossesNode = array(p, "batch_losses");
    double[] losses = new double[lossesNode.size()];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = value(lossesNode.get(i), "progress.batch_losses[" + i + "]");
    }
    int batches = integer(p, "batches");
    if (batches != losses.length) {
      throw problem("progress.batches is " + batches + " but batch_losses has " + losses.length);
    }
    LoopState.EpochProgress progress = new LoopState.EpochProgress(batches, integer(p, "steps"),
        losses, number(p, "learning_rate_sum"), number(p, "seconds"));
    JsonNode o = object(loop, "optimizer");
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (JsonNode key : array(o, "tensors")) {
      float[] values = optimizerTensors.get(key.asText());
      if (values == null) {
        throw problem("optimizer tensor '" + key.asText() + "' is not in optimizer.safetensors");
      }
      tensors.put(key.asText(), values);
    }
    OptimizerState opt = new OptimizerState(text(o, "kind"), integer(o, "steps"),
        number(o, "learning_rate"), tensors);
    Map<String, PolicyState> policies = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(loop, "policies").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      policies.put(e.getKey(), policy(e.getKey(), e.getValue(), snapshotTensors));
    }
    List<EpochResult> history = new ArrayList<>();
    for (JsonNode e : array(loop, "history")) {
      history.add(epoch(e));
    }
    int epoch = integer(loop, "epoch");
    if (epoch < 1) {
      throw problem("loop.epoch must be at least 1, got " + epoch);
    }
    return new LoopState(epoch, longInteger(loop, "iteration"), progress, opt, policies,
        history);
  }

  private PolicyState policy(String name, JsonNode n, Map<String, Map<String, float[]>> tensors)
      throws CheckpointException {
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(n, "numbers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      numbers.put(e.getKey(), value(e.getValue(), "policies." + name + "." + e.getKey()));
    }
    Map<String, WeightSnapshot> snaps = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(n, "snapshots").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Map<String, float[]> values = tensors.get(name + "/" + e.getKey());
      if (values == null) {
        throw problem("snapshot '" + e.getKey() + "' of policy '" + name
            + "' is not in policies.safetensors");
      }
      snaps.put(e.getKey(), new WeightSnapshot(integer(e.getValue(), "epoch"),
          integer(e.getValue(), "batches"), values));
    }
    return new PolicyState(numbers, snaps);
  }

  private EpochResult epoch(JsonNode n) throws CheckpointException {
    return new EpochResult(integer(n, "epoch"), number(n, "train_loss"),
        number(n, "train_loss_std"), number(n, "train_eval_loss"), number(n, "validation_loss"),
        metrics(object(n, "train_metrics")), metrics(object(n, "validation_metrics")),
        number(n, "learning_rate"), integer(n, "iterations"), integer(n, "optimizer_steps"),
        number(n, "seconds"));
  }

  private Map<String, Double> metrics(JsonNode n) throws CheckpointException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value(e.getValue(), "metric " + e.getKey()));
    }
    return out;
  }

  private CheckpointException problem(String what) {
    return new CheckpointException(file, what);
  }

  private JsonNode field(JsonNode n, String name) throws CheckpointException {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw problem("field '" + name + "' is missing");
    }
    return v;
  }

  private JsonNode object(JsonNode n, String name) throws CheckpointException {
    JsonNode v = field(n, name);
    if (!v.isObject()) {
      throw problem("field '" + name + "' is not an object");
    }
    return v;
  }

  private JsonNode array(JsonNode n, String name) throws CheckpointException {
    JsonNode v = field(n, name);
    if (!v.isArray()) {
      throw problem("field '" + name + "' is not an array");
    }
    return v;
  }

  private String text(JsonNode n, String name) throws CheckpointException {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw problem("field '" + name + "' is not a string");
    }
    return v.asText();
  }

  private Map<String, String> strings(JsonNode n, String name) throws CheckpointException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object(n, name).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw problem("field '" + name + "." + e.getKey() + "' is not a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private int integer(JsonNode n, String name) throws CheckpointException {
    JsonNode v = field(n, name);
    if (!v.isInt()) {
      throw problem("field '" + name + "' is not an integer: " + v);
    }
    return v.intValue();
  }

  private long longInteger(JsonNode n, String name) throws CheckpointException {
    JsonNode v = field(n, name);
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
      throw problem("field '" + name + "' is not a count: " + v);
    }
    return v.longValue();
  }

  private double number(JsonNode n, String name) throws CheckpointException {
    return value(field(n, name), name);
  }

  private double value(JsonNode v, String name) throws CheckpointException {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      switch (v.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw problem("field '" + name + "' is not a number: " + v);
  }
}
