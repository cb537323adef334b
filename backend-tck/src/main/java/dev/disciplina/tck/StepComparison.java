package dev.disciplina.tck;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Trains the same model with the same optimizer on the same batches on two backends side by
 * side, and compares every tensor of every step in the order it is computed: each layer's output
 * of the forward pass, the loss, each parameter's gradient, and each parameter after the
 * optimizer step. The first tensor that differs beyond the tolerance is reported by step and
 * name ({@code "step 1803, forward: layer 1 (ReLU) output"}), so a disagreement between backends
 * names the operation that caused it instead of showing up epochs later as different curves.
 *
 * <p>Both models are built from generators seeded alike, so they start bit-identical; dropout
 * masks are drawn in Java and agree too. The two runs are independent: nothing is copied from
 * the reference to the backend under test, so float rounding accumulates as it would in two real
 * runs, and the tolerance must allow for that (see {@link #DEFAULT_TOLERANCE}).
 *
 * <p><b>Tolerance.</b> A tensor passes when every element satisfies {@code |actual - expected|
 * <= rel * max(|expected|, rms(expected)) + abs}: relative to the element, but never tighter than
 * relative to the tensor's typical size, so that elements that are nearly zero by cancellation do
 * not fail on rounding alone.
 *
 * <p><b>Lifecycle and threading.</b> An instance is an immutable description of the run; each
 * call to {@link #compare} opens its own scopes on both backends, closes them before returning,
 * and runs on the calling thread.
 */
public final class StepComparison {

  /**
   * Rounding of two float32 runs apart over a few thousand steps stays below 1e-4 of a tensor's
   * size; a kernel that computes something else exceeds it at once.
   */
  public static final Approx DEFAULT_TOLERANCE = new Approx(1e-4, 1e-7);

  private final Function<Rng, Module> model;
  private final Function<Module, Optimizer> optimizer;
  private final Loss loss;
  private final TargetEncoding encoding;
  private final long seed;
  private final Approx tolerance;

  private StepComparison(Function<Rng, Module> model, Function<Module, Optimizer> optimizer,
      Loss loss, TargetEncoding encoding, long seed, Approx tolerance) {
    this.model = Objects.requireNonNull(model, "model");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.seed = seed;
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
  }

  /**
   * A comparison of the model {@code model} builds from a seeded generator, trained by the
   * optimizer {@code optimizer} makes for it, under {@code loss} with one-hot targets, seed 1
   * and {@link #DEFAULT_TOLERANCE}.
   */
  public static StepComparison of(Function<Rng, Module> model,
      Function<Module, Optimizer> optimizer, Loss loss) {
    return new StepComparison(model, optimizer, loss, TargetEncoding.ONE_HOT, 1, DEFAULT_TOLERANCE);
  }

  /** The same comparison with targets in {@code encoding}. */
  public StepComparison withEncoding(TargetEncoding encoding) {
    return new StepComparison(model, optimizer, loss, encoding, seed, tolerance);
  }

  /** The same comparison with models built from {@code seed}. */
  public StepComparison withSeed(long seed) {
    return new StepComparison(model, optimizer, loss, encoding, seed, tolerance);
  }

  /** The same comparison within {@code tolerance}. */
  public StepComparison withTolerance(Approx tolerance) {
    return new StepComparison(model, optimizer, loss, encoding, seed, tolerance);
  }

  /** The first tensor that differs: its step (from 1), its name, and the worst element. */
  public record Difference(int step, String tensor, int element, double actual,
      double expected, String backend, String reference, Approx tolerance, String context) {

    /** One line naming the step, the tensor and the values on both backends. */
    public String message() {
      return String.format("%s departs from %s at step %d, %s: element %d is %s on %s, %s on %s"
              + " (tolerance rel %.0e of max(|value|, rms), abs %.0e)",
          backend, reference, step, tensor, element, (float) actual, backend, (float) expected,
          reference, tolerance.rel(), tolerance.abs()) + context;
    }
  }

  /** What a comparison found: the steps run, the first difference if any, the largest gap. */
  public record Outcome(int steps, Optional<Difference> firstDifference, double largestGap,
      String largestGapAt) {}

  /**
   * Trains on {@code backend} and on {@code reference} over {@code batches} in order (one
   * optimizer step per batch, the model in training mode), comparing every tensor of every step;
   * stops at the first difference.
   */
  public Outcome compare(Backend backend, Backend reference, List<Batch> batches) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(reference, "reference");
    try (Scope refScope = Scope.open(reference); Scope testScope = Scope.open(backend)) {
      Side ref = new Side(reference, refScope);
      Side test = new Side(backend, testScope);
      double largestGap = 0;
      String largestGapAt = "nothing";
      int step = 0;
      for (Batch batch : batches) {
        step++;
        List<Named> expected = ref.step(batch);
        List<Named> actual = test.step(batch);
        for (int t = 0; t < expected.size(); t++) {
          Named e = expected.get(t);
          Named a = actual.get(t);
          if (!e.name.equals(a.name) || e.values.length != a.values.length) {
            return new Outcome(step, Optional.of(new Difference(step, e.name + " vs " + a.name
                + " (the two models computed different tensors)", -1, Double.NaN, Double.NaN,
                backend.name(), reference.name(), tolerance, "")), largestGap, largestGapAt);
          }
          double scale = rms(e.values);
          for (int i = 0; i < e.values.length; i++) {
            double ev = e.values[i];
            double av = a.values[i];
            double allowed = tolerance.rel() * Math.max(Math.abs(ev), scale) + tolerance.abs();
            double gap = Math.abs(av - ev);
            boolean same = Double.isNaN(ev) ? Double.isNaN(av)
                : Double.isInfinite(ev) || Double.isInfinite(av) ? ev == av : gap <= allowed;
            if (!same) {
              return new Outcome(step, Optional.of(new Difference(step, e.name, i, av, ev,
                  backend.name(), reference.name(), tolerance,
                  inputAt(expected, actual, t, i, backend, reference))), largestGap,
                  largestGapAt);
            }
            double relative = allowed == 0 ? 0 : gap / allowed;
            if (relative > largestGap) {
              largestGap = relative;
              largestGapAt = "step " + step + ", " + e.name;
            }
          }
        }
      }
      return new Outcome(step, Optional.empty(), largestGap, largestGapAt);
    }
  }

  /**
   * Fails with {@link Difference#message()} when {@code backend} departs from {@code reference}
   * on {@code batches}.
   */
  public void assertSame(Backend backend, Backend reference, List<Batch> batches) {
    Outcome outcome = compare(backend, reference, batches);
    outcome.firstDifference().ifPresent(d -> {
      throw new AssertionError(d.message());
    });
  }

  /**
   * For a gradient flowing into an elementwise layer, the layer's input at the same element on
   * both backends (the output of the layer before), which is usually what explains it.
   */
  private static String inputAt(List<Named> expected, List<Named> actual, int t, int element,
      Backend backend, Backend reference) {
    String name = expected.get(t).name;
    String prefix = "backward: gradient into layer ";
    if (!name.startsWith(prefix)) {
      return "";
    }
    int layer = Integer.parseInt(name.substring(prefix.length(), name.indexOf(' ', prefix.length())));
    String input = "forward: layer " + (layer - 1) + " ";
    for (int j = 0; j < t; j++) {
      Named e = expected.get(j);
      if (e.name.startsWith(input) && e.values.length > element) {
        return String.format("; there the layer's input is %s on %s, %s on %s",
            actual.get(j).values[element], backend.name(), e.values[element], reference.name());
      }
    }
    return "";
  }

  private static double rms(float[] v) {
    double s = 0;
    int n = 0;
    for (float x : v) {
      if (Float.isFinite(x)) {
        s += (double) x * x;
        n++;
      }
    }
    return n == 0 ? 0 : Math.sqrt(s / n);
  }

  private record Named(String name, float[] values) {}

  private static String layerName(List<Module> layers, int i) {
    return layers.size() == 1 ? "the model (" + layers.get(0) + ")"
        : "layer " + i + " (" + layers.get(i) + ")";
  }

  /** One backend's model, optimizer and scope. */
  private final class Side {
    private final Scope home;
    private final Module net;
    private final Optimizer opt;
    private final Map<String, Parameter> params;

    Side(Backend backend, Scope home) {
      this.home = home;
      try (Scope.Activation a = home.activate()) {
        this.net = model.apply(Rng.seeded(seed).split("model"));
        this.opt = optimizer.apply(net);
        this.params = net.namedParameters();
      }
      net.train();
    }

    /** One training step; the tensors it computed, copied out, in the order computed. */
    List<Named> step(Batch batch) {
      List<Named> seen = new ArrayList<>();
      try (Scope.Activation a = home.activate(); Scope iteration = Scope.open()) {
        opt.zeroGrad();
        Tensor x = batch.inputs();
        Tensor y = batch.targets(encoding);
        List<Module> layers = net instanceof Sequential seq ? seq.layers() : List.of(net);
        // Each layer gets its input as a leaf of its own, so that the gradient flowing back into
        // every layer can be compared too; the parameters' gradients are the same sums.
        List<Variable> inputs = new ArrayList<>();
        List<Variable> outputs = new ArrayList<>();
        Tensor current = x;
        for (int i = 0; i < layers.size(); i++) {
          Variable in = i == 0 ? Variable.constant(current) : new Parameter(current);
          Variable out = layers.get(i).forward(in);
          inputs.add(in);
          outputs.add(out);
          seen.add(new Named("forward: " + layerName(layers, i) + " output", out.value().toArray()));
          current = out.value();
        }
        Variable l = loss.apply(outputs.get(layers.size() - 1), y);
        seen.add(new Named("loss (" + loss.name() + ")", l.value().toArray()));
        l.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
          if (i < layers.size() - 1) {
            Tensor upstream = inputs.get(i + 1).grad();
            if (upstream == null || !outputs.get(i).requiresGrad()) {
              break;
            }
            outputs.get(i).backward(upstream);
          }
          if (i > 0 && inputs.get(i).grad() != null) {
            seen.add(new Named("backward: gradient into " + layerName(layers, i),
                inputs.get(i).grad().toArray()));
          }
          for (Map.Entry<String, Parameter> p : layers.get(i).namedParameters().entrySet()) {
            Tensor g = p.getValue().grad();
            seen.add(new Named("backward: gradient of " + layerName(layers, i) + " "
                + p.getKey(), g == null ? new float[0] : g.toArray()));
          }
        }
        opt.step();
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
          seen.add(new Named(p.getKey() + " after the " + opt + " step",
              p.getValue().value().toArray()));
        }
      }
      return seen;
    }
  }
}
