package dev.disciplina.trainer;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.trainer.checkpoint.ModelWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The training loop, written once so its order cannot be got wrong (the loop itself is {@link
 * TrainingRun}):
 *
 * <pre>
 * for epoch in 1..E:
 *   model.train()
 *   for batch in shuffle(seed, epoch) (one batch = one iteration, each in its own Scope):
 *     zero gradients; forward; loss; backward; gradient hooks (then clipping); optimizer step
 *     stop policies after the batch; listeners
 *   model.eval(); under noGrad: loss and metrics on a fixed training subset and on validation
 *   record the epoch; stop policies after the epoch; listeners
 * restore the weights a policy names; the history
 * </pre>
 *
 * <p>What plugs in is sorted by authority: {@link TrainingListener}s observe, {@link
 * GradientHook}s may change gradients, {@link StopPolicy}s may end the run and name the weights
 * to keep, and the {@link LoopState} can be saved and given back to {@link #resume} to continue
 * bit-exactly. The divergence guard ({@link DivergenceGuard}) is always on; early stopping,
 * diagnosis-driven stopping, a time budget and clipping come from the {@link TrainingConfig}.
 *
 * <p>Validation uses the validation split only, never changes a parameter or buffer and never
 * calls the optimizer. Gradients are zeroed every iteration unless {@link
 * TrainingConfig#accumulateBatches()} asks for accumulation.
 *
 * <p><b>Backends and memory.</b> {@link #fit(Experiment, Split)} opens a model scope on this
 * trainer's backend, builds the model and optimizer in it, trains, and closes it. {@link
 * #fit(Module, Loss, Optimizer, Dataset, Dataset)} trains a model the caller built, inside the
 * caller's open scope on the model's backend. Either way each iteration and each evaluation
 * batch runs in its own child scope, so nothing but parameters and optimizer state outlives an
 * iteration.
 *
 * <p>A trainer is immutable and may run several fits, one at a time per thread (stop policies
 * are made afresh for each run by their factories). Without Guice, construct it directly; {@link
 * TrainerModule} wires the same constructor.
 */
public final class Trainer {

  private final TrainingConfig config;
  private final Backend backend;
  private final List<TrainingListener> listeners;
  private final List<GradientHook> hooks;
  private final List<Supplier<? extends StopPolicy>> policies;
  private final ShardReducer shardReducer;

  /** A trainer on the best available backend ({@link Backends#best()}), without listeners. */
  public Trainer(TrainingConfig config) {
    this(config, null, List.of());
  }

  /**
   * A trainer on {@code backend} (null: {@link Backends#best()} when first needed) calling
   * {@code listeners} in order.
   */
  public Trainer(TrainingConfig config, Backend backend,
      Collection<? extends TrainingListener> listeners) {
    this(config, backend, listeners, List.of(), List.of(), ShardReducer.LOCAL);
  }

  private Trainer(TrainingConfig config, Backend backend,
      Collection<? extends TrainingListener> listeners, List<GradientHook> hooks,
      List<Supplier<? extends StopPolicy>> policies, ShardReducer shardReducer) {
    this.config = Objects.requireNonNull(config, "config");
    this.backend = backend;
    this.listeners = List.copyOf(listeners);
    this.hooks = List.copyOf(hooks);
    this.policies = List.copyOf(policies);
    this.shardReducer = Objects.requireNonNull(shardReducer, "shardReducer");
  }

  /**
   * This trainer with {@code reducer} adding the other workers' shard sums when its configuration
   * is sharded ({@link TrainingConfig#sharding()}); {@link ShardReducer#LOCAL} by default.
   */
  public Trainer withShardReducer(ShardReducer reducer) {
    return new Trainer(config, backend, listeners, hooks, policies, reducer);
  }

  /** This trainer with {@code hook} run after the hooks it has, before the configured clipping. */
  public Trainer withGradientHook(GradientHook hook) {
    List<GradientHook> more = new ArrayList<>(hooks);
    more.add(Objects.requireNonNull(hook, "hook"));
    return new Trainer(config, backend, listeners, more, policies, shardReducer);
  }

  /** This trainer with a stop policy, made afresh by {@code factory} for every run. */
  public Trainer withStopPolicy(Supplier<? extends StopPolicy> factory) {
    List<Supplier<? extends StopPolicy>> more = new ArrayList<>(policies);
    more.add(Objects.requireNonNull(factory, "factory"));
    return new Trainer(config, backend, listeners, hooks, more, shardReducer);
  }

  /** This trainer with another configuration (listeners, hooks and policies kept). */
  public Trainer withConfig(TrainingConfig other) {
    return new Trainer(other, backend, listeners, hooks, policies, shardReducer);
  }

  /** This trainer with {@code more} listeners after its own. */
  public Trainer withListeners(Collection<? extends TrainingListener> more) {
    List<TrainingListener> all = new ArrayList<>(listeners);
    all.addAll(more);
    return new Trainer(config, backend, all, hooks, policies, shardReducer);
  }

  public TrainingConfig config() {
    return config;
  }

  /** The backend {@link #fit(Experiment, Split)} trains on. */
  public Backend backend() {
    return backend != null ? backend : Backends.best();
  }

  public List<TrainingListener> listeners() {
    return listeners;
  }

  /** {@link #fit(Experiment, Dataset, Dataset)} on a split's training and validation parts. */
  public History fit(Experiment experiment, Split split) {
    return fit(experiment, split.train(), split.validation());
  }

  /**
   * Builds the experiment's model in a new scope on this trainer's backend, with a generator
   * derived from the configured seed, and trains it.
   */
  public History fit(Experiment experiment, Dataset train, Dataset validation) {
    try (Scope modelScope = Scope.open(backend())) {
      Module model = experiment.model(Rng.seeded(config.seed()).split("model"));
      Optimizer optimizer = experiment.optimizer(model);
      return fit(model, experiment.loss(), optimizer, train, validation);
    }
  }

  /**
   * Trains {@code model}, built by the caller in the current scope, with {@code optimizer} over
   * its parameters. The model is left in evaluation mode.
   */
  public History fit(Module model, Loss loss, Optimizer optimizer, Dataset train,
      Dataset validation) {
    return run(model, loss, optimizer, train, validation).execute(null);
  }

  /**
   * Continues a run from {@code state}: {@code model} must hold the weights saved with it, and
   * the data and configuration must be those of the run (apart from more epochs). The optimizer's
   * state is loaded from {@code state}; the history returned covers the whole run.
   */
  public History resume(Module model, Loss loss, Optimizer optimizer, Dataset train,
      Dataset validation, LoopState state) {
    Objects.requireNonNull(state, "state");
    return run(model, loss, optimizer, train, validation).execute(state);
  }

  /**
   * Resumes the run saved in {@code checkpoint} (a checkpoint directory, or a checkpoint root:
   * then its newest): builds the experiment's model in a new scope on this trainer's backend,
   * loads the saved weights and optimizer state, and continues the loop where it stopped — the
   * same batches, the same dropout masks, the same numbers as if never interrupted. This
   * trainer's configuration must be the one saved (more epochs allowed); the data must be the
   * same. Checkpointing goes on if this trainer has a {@link CheckpointListener}.
   *
   * @throws CheckpointException when the checkpoint is missing, corrupt or for another run
   */
  public History resume(Path checkpoint, Experiment experiment, Dataset train,
      Dataset validation) throws IOException {
    Checkpoint c = Checkpoints.read(Checkpoints.latest(checkpoint));
    c.requireSameRun(config, train, validation);
    try (Scope modelScope = Scope.open(backend())) {
      Module model = experiment.model(Rng.seeded(config.seed()).split("model"));
      ModelWeights.load(model, c.model(), c.directory().resolve(Checkpoints.MODEL).toString());
      Optimizer optimizer = experiment.optimizer(model);
      try {
        optimizer.importState(c.state().optimizer());
      } catch (IllegalArgumentException e) {
        throw new CheckpointException(c.directory().resolve(Checkpoints.OPTIMIZER),
            e.getMessage());
      }
      return resume(model, experiment.loss(), optimizer, train, validation, c.state());
    }
  }

  private TrainingRun run(Module model, Loss loss, Optimizer optimizer, Dataset train,
      Dataset validation) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    return new TrainingRun(config, listeners, gradientHooks(), stopPolicies(), shardReducer,
        model, loss, optimizer, train, validation);
  }

  /** The hooks in the order they run: those given, then the configured clipping. */
  private List<GradientHook> gradientHooks() {
    List<GradientHook> all = new ArrayList<>(hooks);
    if (!(config.clipping() instanceof GradientClipping.None)) {
      all.add(config.clipping());
    }
    return all;
  }

  /** The policies in the order they are asked: the guard, the configured ones, those given. */
  private List<StopPolicy> stopPolicies() {
    List<StopPolicy> all = new ArrayList<>();
    all.add(new DivergenceGuard());
    config.earlyStopping().ifPresent(e -> all.add(new PatienceStopping(e)));
    if (config.stopOnDiagnosis()) {
      all.add(new DiagnosisStopping());
    }
    config.maxTime().ifPresent(t -> all.add(new TimeBudget(t)));
    for (Supplier<? extends StopPolicy> factory : policies) {
      all.add(Objects.requireNonNull(factory.get(), "a stop policy factory returned null"));
    }
    return all;
  }
}
