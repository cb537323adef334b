package dev.disciplina.trainer;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The run a listener or stop policy is called for: its id, backend, configuration, model,
 * optimizer and data, the epochs recorded so far, a way to ask the trainer to stop, and — for
 * checkpoints and stop policies — copies of the loop's state and the model's weights.
 *
 * <p>Owned by the trainer and valid during one {@link Trainer#fit} call, on its thread.
 */
public final class TrainingContext {

  private final String runId;
  private final String backendName;
  private final TrainingConfig config;
  private final Module model;
  private final Optimizer optimizer;
  private final Loss loss;
  private final Dataset train;
  private final Dataset validation;
  private final List<EpochResult> epochs = new ArrayList<>();
  private int epoch;
  private long iteration;
  private String stopRequest;
  private Supplier<LoopState> loopState;
  private Supplier<WeightSnapshot> snapshot;
  private Supplier<Evaluation> validate;
  private boolean atStepBoundary = true;

  TrainingContext(String runId, String backendName, TrainingConfig config, Module model,
      Optimizer optimizer, Loss loss, Dataset train, Dataset validation) {
    this.runId = Objects.requireNonNull(runId);
    this.backendName = Objects.requireNonNull(backendName);
    this.config = config;
    this.model = model;
    this.optimizer = optimizer;
    this.loss = loss;
    this.train = train;
    this.validation = validation;
  }

  /** The run's id, unique per {@link Trainer#fit} call unless configured. */
  public String runId() {
    return runId;
  }

  /** The name of the backend the run trains on. */
  public String backendName() {
    return backendName;
  }

  public TrainingConfig config() {
    return config;
  }

  /** The model being trained. Read it; do not change it. */
  public Module model() {
    return model;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** The loss the run trains with. */
  public Loss loss() {
    return loss;
  }

  public Dataset train() {
    return train;
  }

  public Dataset validation() {
    return validation;
  }

  /** The current epoch, from 1; 0 before the first. */
  public int epoch() {
    return epoch;
  }

  /** Iterations so far in the run. */
  public long iteration() {
    return iteration;
  }

  /** The epochs recorded so far. */
  public List<EpochResult> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /**
   * A copy of the loop's state as it is now, for a checkpoint. Meaningful only at a step
   * boundary ({@link #atStepBoundary()}): from {@link TrainingListener#onBatchEnd} when it is
   * true, and from {@link TrainingListener#onEpochEnd}.
   */
  public LoopState loopState() {
    if (!atStepBoundary) {
      throw new IllegalStateException("the loop state is taken at a step boundary, not inside "
          + "an accumulation group");
    }
    return loopState.get();
  }

  /** Whether no gradient is pending: the last batch closed its accumulation group. */
  public boolean atStepBoundary() {
    return atStepBoundary;
  }

  /** A copy of the model's current weights, labelled with where the loop is. */
  public WeightSnapshot snapshot() {
    return snapshot.get();
  }

  /**
   * The current weights' loss and metrics on the validation split, in evaluation mode without
   * gradients; the model's mode is left as it was. For stop policies that must know whether the
   * weights they keep are sound.
   */
  public Evaluation evaluateValidation() {
    return validate.get();
  }

  /**
   * Asks the trainer to stop at the next batch boundary (an observer's request, recorded as
   * {@link StopReason#STOPPED_BY_LISTENER}); the first reason given is kept.
   */
  public void requestStop(String reason) {
    if (stopRequest == null) {
      stopRequest = Objects.requireNonNull(reason, "reason");
    }
  }

  /** The pending stop request, if any. */
  public Optional<String> stopRequest() {
    return Optional.ofNullable(stopRequest);
  }

  void bind(Supplier<LoopState> state, Supplier<WeightSnapshot> weights,
      Supplier<Evaluation> validation) {
    this.loopState = state;
    this.snapshot = weights;
    this.validate = validation;
  }

  void setAtStepBoundary(boolean boundary) {
    this.atStepBoundary = boundary;
  }

  void resumeAt(long iterations, List<EpochResult> recorded) {
    this.iteration = iterations;
    this.epochs.clear();
    this.epochs.addAll(recorded);
  }

  void startEpoch(int e) {
    this.epoch = e;
  }

  void countIteration() {
    iteration++;
  }

  void record(EpochResult result) {
    epochs.add(result);
  }
}
