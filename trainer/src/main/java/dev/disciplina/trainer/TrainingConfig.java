package dev.disciplina.trainer;

import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.optim.LearningRateSchedule;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link Trainer} runs its loop. Immutable; build one with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code epochs} (10), {@code batchSize} (32), {@code seed} (0): the seed fixes the shuffle
 *       of every epoch, the training subset evaluated in eval mode, and — through {@link
 *       Experiment} — initial weights and dropout masks.
 *   <li>{@code shuffle} (true) and {@code dropLast} (false): an epoch has {@code ceil(n / batch)}
 *       iterations, or {@code floor} with drop-last.
 *   <li>{@code clipping} (none): by global norm or by value, between backward and step.
 *   <li>{@code accumulateBatches} (1): with {@code k > 1}, gradients of {@code k} consecutive
 *       batches are summed before one optimizer step, each batch's loss divided by the number of
 *       batches actually in its group (the last group of an epoch may be shorter). Accumulation
 *       happens only when asked for: otherwise gradients are zeroed every iteration.
 *   <li>{@code earlyStopping} (none): patience, min delta, and restoring the best weights ({@link
 *       PatienceStopping}).
 *   <li>{@code stopOnDiagnosis} (false): stop once the online diagnosis confirms overfitting or
 *       divergence and restore the epoch it names ({@link DiagnosisStopping}).
 *   <li>{@code maxTime} (none): a budget of training time ({@link TimeBudget}).
 *   <li>{@code schedule} (none: the optimizer's rate stays): the learning rate of each epoch.
 *   <li>{@code evalBatchSize} (256): batch size for evaluation, which has no gradients.
 *   <li>{@code trainEvalSize} ({@link #AUTO}): how many training examples, fixed for the run, are
 *       evaluated in eval mode after each epoch so the train/validation gap compares like with
 *       like; {@link #AUTO} takes as many as the validation split has (at most the training
 *       split), 0 turns it off.
 *   <li>{@code runId} (generated per run) and {@code targetEncoding} (from the loss).
 *   <li>{@code sharding} (none): each batch's gradient computed shard by shard and summed in
 *       shard order ({@link Sharding}), as {@code N} data-parallel workers would; not combined
 *       with accumulation.
 * </ul>
 */
public final class TrainingConfig {

  /** {@code trainEvalSize}: as many as the validation split has. */
  public static final int AUTO = -1;

  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final boolean dropLast;
  private final GradientClipping clipping;
  private final int accumulateBatches;
  private final EarlyStopping earlyStopping;
  private final boolean stopOnDiagnosis;
  private final Duration maxTime;
  private final LearningRateSchedule schedule;
  private final int evalBatchSize;
  private final int trainEvalSize;
  private final String runId;
  private final TargetEncoding targetEncoding;
  private final Sharding sharding;

  private TrainingConfig(Builder b) {
    if (b.epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + b.epochs);
    }
    if (b.batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + b.batchSize);
    }
    if (b.accumulateBatches < 1) {
      throw new IllegalArgumentException("accumulateBatches must be at least 1, got "
          + b.accumulateBatches);
    }
    if (b.evalBatchSize < 1) {
      throw new IllegalArgumentException("eval batch size must be at least 1, got "
          + b.evalBatchSize);
    }
    if (b.trainEvalSize < AUTO) {
      throw new IllegalArgumentException("trainEvalSize must be AUTO (-1), 0 (off) or a count, got "
          + b.trainEvalSize);
    }
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.dropLast = b.dropLast;
    this.clipping = Objects.requireNonNull(b.clipping, "clipping");
    this.accumulateBatches = b.accumulateBatches;
    this.earlyStopping = b.earlyStopping;
    this.stopOnDiagnosis = b.stopOnDiagnosis;
    if (b.maxTime != null && (b.maxTime.isNegative() || b.maxTime.isZero())) {
      throw new IllegalArgumentException("max time must be positive, got " + b.maxTime);
    }
    this.maxTime = b.maxTime;
    this.schedule = b.schedule;
    this.evalBatchSize = b.evalBatchSize;
    this.trainEvalSize = b.trainEvalSize;
    this.runId = b.runId;
    this.targetEncoding = b.targetEncoding;
    this.sharding = Objects.requireNonNull(b.sharding, "sharding");
    if (sharding.isSharded() && accumulateBatches > 1) {
      throw new IllegalArgumentException("shards (" + sharding.count() + ") and accumulateBatches ("
          + accumulateBatches + ") cannot be combined: choose one way of splitting a batch");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.seed = seed;
    b.shuffle = shuffle;
    b.dropLast = dropLast;
    b.clipping = clipping;
    b.accumulateBatches = accumulateBatches;
    b.earlyStopping = earlyStopping;
    b.stopOnDiagnosis = stopOnDiagnosis;
    b.maxTime = maxTime;
    b.schedule = schedule;
    b.evalBatchSize = evalBatchSize;
    b.trainEvalSize = trainEvalSize;
    b.runId = runId;
    b.targetEncoding = targetEncoding;
    b.sharding = sharding;
    return b;
  }

  public int epochs() {
    return epochs;
  }

  public int batchSize() {
    return batchSize;
  }

  public long seed() {
    return seed;
  }

  public boolean shuffle() {
    return shuffle;
  }

  public boolean dropLast() {
    return dropLast;
  }

  public GradientClipping clipping() {
    return clipping;
  }

  public int accumulateBatches() {
    return accumulateBatches;
  }

  public Optional<EarlyStopping> earlyStopping() {
    return Optional.ofNullable(earlyStopping);
  }

  public boolean stopOnDiagnosis() {
    return stopOnDiagnosis;
  }

  public Optional<Duration> maxTime() {
    return Optional.ofNullable(maxTime);
  }

  public Optional<LearningRateSchedule> schedule() {
    return Optional.ofNullable(schedule);
  }

  public int evalBatchSize() {
    return evalBatchSize;
  }

  /** {@link #AUTO}, 0 for off, or a number of training examples. */
  public int trainEvalSize() {
    return trainEvalSize;
  }

  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  public Optional<TargetEncoding> targetEncoding() {
    return Optional.ofNullable(targetEncoding);
  }

  /** How each batch's gradient is split into shards; {@link Sharding#none()} by default. */
  public Sharding sharding() {
    return sharding;
  }

  @Override
  public String toString() {
    return "TrainingConfig(epochs=" + epochs + ", batchSize=" + batchSize + ", seed=" + seed
        + (shuffle ? "" : ", no shuffle") + (dropLast ? ", dropLast" : "")
        + (clipping instanceof GradientClipping.None ? "" : ", clipping=" + clipping)
        + (accumulateBatches > 1 ? ", accumulateBatches=" + accumulateBatches : "")
        + (earlyStopping == null ? "" : ", " + earlyStopping)
        + (stopOnDiagnosis ? ", stopOnDiagnosis" : "")
        + (maxTime == null ? "" : ", maxTime=" + maxTime)
        + (schedule == null ? "" : ", scheduled learning rate")
        + (sharding.isSharded() ? ", " + sharding : "") + ")";
  }

  /** Settings for a {@link TrainingConfig}; see its description for the defaults. */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private boolean dropLast;
    private GradientClipping clipping = GradientClipping.none();
    private int accumulateBatches = 1;
    private EarlyStopping earlyStopping;
    private boolean stopOnDiagnosis;
    private Duration maxTime;
    private LearningRateSchedule schedule;
    private int evalBatchSize = 256;
    private int trainEvalSize = AUTO;
    private String runId;
    private TargetEncoding targetEncoding;
    private Sharding sharding = Sharding.none();

    private Builder() {}

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    public Builder clipping(GradientClipping clipping) {
      this.clipping = clipping;
      return this;
    }

    /** Clip gradients to a global L2 norm of at most {@code maxNorm}. */
    public Builder clipByNorm(double maxNorm) {
      return clipping(GradientClipping.byNorm(maxNorm));
    }

    /** Clamp every gradient value into {@code [-limit, limit]}. */
    public Builder clipByValue(double limit) {
      return clipping(GradientClipping.byValue(limit));
    }

    public Builder accumulateBatches(int k) {
      this.accumulateBatches = k;
      return this;
    }

    /** Early stopping, or null for none. */
    public Builder earlyStopping(EarlyStopping earlyStopping) {
      this.earlyStopping = earlyStopping;
      return this;
    }

    /** Whether to stop once the online diagnosis confirms overfitting or divergence. */
    public Builder stopOnDiagnosis(boolean stop) {
      this.stopOnDiagnosis = stop;
      return this;
    }

    /** A budget of training time, or null for none. */
    public Builder maxTime(Duration maxTime) {
      this.maxTime = maxTime;
      return this;
    }

    /** A learning-rate schedule, or null to keep the optimizer's rate. */
    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder evalBatchSize(int evalBatchSize) {
      this.evalBatchSize = evalBatchSize;
      return this;
    }

    /** {@link TrainingConfig#AUTO}, 0 for off, or a number of training examples. */
    public Builder trainEvalSize(int trainEvalSize) {
      this.trainEvalSize = trainEvalSize;
      return this;
    }

    /** The run id for meters and logs, or null to generate one per run. */
    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /** How targets are encoded, or null to derive it from the loss and the dataset. */
    public Builder targetEncoding(TargetEncoding targetEncoding) {
      this.targetEncoding = targetEncoding;
      return this;
    }

    /** How each batch's gradient is split into shards ({@link Sharding}). */
    public Builder sharding(Sharding sharding) {
      this.sharding = sharding;
      return this;
    }

    /** Single-process training bit-identical to {@code n} data-parallel workers. */
    public Builder shards(int n) {
      return sharding(Sharding.all(n));
    }

    public TrainingConfig build() {
      return new TrainingConfig(this);
    }
  }
}
