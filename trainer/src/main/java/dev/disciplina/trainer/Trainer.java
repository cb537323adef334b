package dev.disciplina.trainer;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.loss.SoftmaxCrossEntropy;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop, written once so its order cannot be got wrong:
 *
 * <pre>
 * for epoch in 1..E:
 *   model.train()
 *   for batch in seeded shuffle (one batch = one iteration, each in its own Scope):
 *     zero gradients; forward; loss; backward; [clip]; optimizer step
 *   model.eval(); under noGrad: loss and metrics on a fixed training subset and on validation
 *   record the epoch; early stopping; listeners
 * </pre>
 *
 * <p>Validation uses the validation split only, never changes a parameter or buffer and never
 * calls the optimizer. Gradients are zeroed every iteration unless {@link
 * TrainingConfig#accumulateBatches()} asks for accumulation. A built-in guard stops the run at
 * the first NaN or infinite loss, keeps the last finite weights and marks the history {@link
 * StopReason#DIVERGED}.
 *
 * <p><b>Backends and memory.</b> {@link #fit(Experiment, Split)} opens a model scope on this
 * trainer's backend, builds the model and optimizer in it, trains, and closes it. {@link
 * #fit(Module, Loss, Optimizer, Dataset, Dataset)} trains a model the caller built, inside the
 * caller's open scope on the model's backend. Either way each iteration and each evaluation
 * batch runs in its own child scope, so nothing but parameters and optimizer state outlives an
 * iteration.
 *
 * <p>A trainer is immutable and may run several fits, one at a time per thread. Without Guice,
 * construct it directly; {@link TrainerModule} wires the same constructor.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TrainingConfig config;
  private final Backend backend;
  private final List<TrainingListener> listeners;

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
    this.config = Objects.requireNonNull(config, "config");
    this.backend = backend;
    this.listeners = List.copyOf(listeners);
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
    Backend b = backend();
    try (Scope modelScope = Scope.open(b)) {
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
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    return new Run(model, loss, optimizer, train, validation).execute();
  }

  /** The state of one fit. */
  private final class Run {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Dataset train;
    private final Dataset validation;
    private final Backend runBackend;
    private final TargetEncoding encoding;
    private final Batching batching;
    private final Dataset trainEval;
    private final Evaluator evaluator;
    private final TrainingContext context;
    private final List<EpochResult> epochs = new ArrayList<>();

    Run(Module model, Loss loss, Optimizer optimizer, Dataset train, Dataset validation) {
      this.model = model;
      this.loss = loss;
      this.optimizer = optimizer;
      this.train = Objects.requireNonNull(train, "train");
      this.validation = Objects.requireNonNull(validation, "validation");
      checkData();
      List<Parameter> params = model.parameters();
      if (params.isEmpty()) {
        throw new IllegalArgumentException("the model " + model + " has no parameters to train");
      }
      this.runBackend = params.get(0).value().backend();
      if (!Scope.isOpen() || Scope.current().backend() != runBackend) {
        throw new IllegalStateException("fit: the model's parameters are on backend '"
            + runBackend.name() + "'; call fit inside an open Scope of that backend (the scope "
            + "the model was built in), or use fit(Experiment, ...)");
      }
      this.encoding = config.targetEncoding().orElseGet(() -> Evaluator.encodingFor(loss, train));
      this.batching = new Batching(config.batchSize(), config.shuffle(), config.dropLast());
      if (batching.batchesPerEpoch(train.size()) == 0) {
        throw new IllegalArgumentException("drop-last with batch size " + config.batchSize()
            + " leaves no batch of the " + train.size() + " training examples");
      }
      this.trainEval = trainEvalSubset();
      this.evaluator = new Evaluator(loss, encoding, config.evalBatchSize());
      String runId = config.runId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
      this.context = new TrainingContext(runId, runBackend.name(), config, model, optimizer, loss,
          train, validation);
    }

    private void checkData() {
      if (train.isEmpty()) {
        throw new IllegalArgumentException("the training dataset '" + train.name() + "' is empty");
      }
      if (validation.isEmpty()) {
        throw new IllegalArgumentException("the validation dataset '" + validation.name()
            + "' is empty");
      }
      if (train.featureCount() != validation.featureCount()
          || train.isClassification() != validation.isClassification()
          || train.classCount() != validation.classCount()) {
        throw new IllegalArgumentException("training and validation data do not match: "
            + train + " vs " + validation);
      }
    }

    private Dataset trainEvalSubset() {
      int size = config.trainEvalSize() == TrainingConfig.AUTO
          ? Math.min(train.size(), validation.size())
          : Math.min(train.size(), config.trainEvalSize());
      if (size == 0) {
        return null;
      }
      if (size == train.size()) {
        return train.named(train.name() + " (eval)");
      }
      int[] pick = Arrays.copyOf(
          Rng.seeded(config.seed()).split("train-eval").permutation(train.size()), size);
      Arrays.sort(pick);
      return train.subset(train.name() + " (eval subset)", pick);
    }

    History execute() {
      Rng shuffles = Rng.seeded(config.seed()).split("shuffle");
      StopReason reason = StopReason.COMPLETED;
      String detail = "all " + config.epochs() + " epochs ran";
      EarlyStopping early = config.earlyStopping().orElse(null);
      Map<String, float[]> lastFinite = model.stateDict();
      int lastFiniteEpoch = 0;
      Map<String, float[]> bestState = null;
      int bestEpoch = 0;
      double bestLoss = Double.POSITIVE_INFINITY;
      int sinceBest = 0;
      int weightsFrom = 0;

      for (TrainingListener l : listeners) {
        l.onTrainStart(context);
      }
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long start = System.nanoTime();
        if (config.schedule().isPresent()) {
          optimizer.setLearningRate(config.schedule().get().rate(epoch));
        }
        double lr = optimizer.learningRate();
        context.startEpoch(epoch);
        for (TrainingListener l : listeners) {
          l.onEpochStart(context, epoch);
        }

        model.train();
        List<Batch> batches = batching.epoch(train, shuffles.split("epoch " + epoch));
        double[] losses = new double[batches.size()];
        int done = 0;
        int steps = 0;
        boolean diverged = false;
        int k = config.accumulateBatches();
        for (int group = 0; group < batches.size() && !diverged; group += k) {
          int groupSize = Math.min(k, batches.size() - group);
          for (int j = 0; j < groupSize; j++) {
            Batch batch = batches.get(group + j);
            for (TrainingListener l : listeners) {
              l.onBatchStart(context, batch);
            }
            long t0 = System.nanoTime();
            double value = iteration(batch, j == 0, j == groupSize - 1, groupSize);
            if (Double.isFinite(value)) {
              if (j == groupSize - 1) {
                steps++;
              }
            } else {
              diverged = true;
            }
            losses[done++] = value;
            context.countIteration();
            BatchResult result = new BatchResult(epoch, batch.number(), context.iteration(),
                batches.size(), batch.size(), value, System.nanoTime() - t0);
            for (TrainingListener l : listeners) {
              l.onBatchEnd(context, result);
            }
            if (diverged) {
              break;
            }
          }
        }
        double trainLoss = mean(losses, done);
        double trainStd = std(losses, done, trainLoss);

        model.eval();
        if (diverged) {
          weightsFrom = rollBack(lastFinite, lastFiniteEpoch, epoch);
          EpochResult r = new EpochResult(epoch, trainLoss, trainStd, Double.NaN, Double.NaN,
              Map.of(), Map.of(), lr, done, steps, seconds(start));
          record(r);
          reason = StopReason.DIVERGED;
          detail = "the training loss became " + losses[done - 1] + " at batch " + done
              + " of epoch " + epoch + "; kept the weights of epoch " + weightsFrom;
          break;
        }
        for (TrainingListener l : listeners) {
          l.onValidationStart(context, epoch);
        }
        Evaluation trainEvaluation = trainEval == null ? null
            : evaluator.evaluate(model, trainEval);
        Evaluation val = evaluator.evaluate(model, validation);
        for (TrainingListener l : listeners) {
          l.onValidationEnd(context, val);
        }
        EpochResult r = new EpochResult(epoch, trainLoss, trainStd,
            trainEvaluation == null ? Double.NaN : trainEvaluation.loss(), val.loss(),
            trainEvaluation == null ? Map.of() : trainEvaluation.metrics(), val.metrics(), lr,
            done, steps, seconds(start));
        weightsFrom = epoch;

        if (!Double.isFinite(val.loss())
            || (trainEvaluation != null && !Double.isFinite(trainEvaluation.loss()))) {
          weightsFrom = rollBack(lastFinite, lastFiniteEpoch, epoch);
          record(r);
          reason = StopReason.DIVERGED;
          detail = "the validation loss became " + val.loss() + " after epoch " + epoch
              + "; kept the weights of epoch " + weightsFrom;
          break;
        }
        lastFinite = model.stateDict();
        lastFiniteEpoch = epoch;
        double minDelta = early == null ? 0 : early.minDelta();
        if (val.loss() < bestLoss - minDelta) {
          bestLoss = val.loss();
          bestEpoch = epoch;
          sinceBest = 0;
          if (early != null && early.restoreBestWeights()) {
            bestState = lastFinite;
          }
        } else {
          sinceBest++;
        }
        record(r);
        if (early != null && sinceBest >= early.patience()) {
          reason = StopReason.EARLY_STOPPED;
          detail = "validation loss did not improve by more than " + early.minDelta() + " for "
              + early.patience() + " epochs after epoch " + bestEpoch;
          break;
        }
        if (context.stopRequest().isPresent()) {
          reason = StopReason.STOPPED_BY_LISTENER;
          detail = context.stopRequest().get();
          break;
        }
      }
      if (bestState != null && bestEpoch != weightsFrom) {
        model.loadStateDict(bestState);
        weightsFrom = bestEpoch;
        detail += "; restored the weights of epoch " + bestEpoch;
      }
      model.eval();
      int classes = loss instanceof SoftmaxCrossEntropy && train.classCount() >= 2
          ? train.classCount() : 0;
      History history = new History(epochs, reason, detail, classes,
          Evaluator.metricKeys(train), weightsFrom);
      LOG.debug("run {} on {}: {} ({})", context.runId(), runBackend.name(), reason, detail);
      for (TrainingListener l : listeners) {
        l.onTrainEnd(context, history);
      }
      return history;
    }

    /**
     * One iteration in its own scope: zero the gradients when it opens a group, forward, loss,
     * backward (the loss divided by the group's size), and clip and step when it closes the
     * group. A non-finite loss skips backward and step. Returns the batch's loss.
     *
     * <p>A method of its own so that the JIT compiles the hot path early, whatever the size of
     * the loop around it.
     */
    private double iteration(Batch batch, boolean opensGroup, boolean closesGroup,
        int groupSize) {
      try (Scope iteration = Scope.open(runBackend)) {
        if (opensGroup) {
          optimizer.zeroGrad();
        }
        Tensor x = batch.inputs();
        Tensor y = batch.targets(encoding);
        Variable out = model.forward(x);
        Variable l = loss.apply(out, y);
        double value = l.value().item();
        if (Double.isFinite(value)) {
          (groupSize == 1 ? l : l.mul(1f / groupSize)).backward();
          if (closesGroup) {
            clip();
            optimizer.step();
          }
        }
        return value;
      }
    }

    private void record(EpochResult r) {
      epochs.add(r);
      context.record(r);
      for (TrainingListener l : listeners) {
        l.onEpochEnd(context, r);
      }
    }

    /** Keeps the current weights if they are all finite, else restores the last finite ones. */
    private int rollBack(Map<String, float[]> lastFinite, int lastFiniteEpoch, int epoch) {
      Map<String, float[]> now = model.stateDict();
      for (float[] values : now.values()) {
        for (float v : values) {
          if (!Float.isFinite(v)) {
            model.loadStateDict(lastFinite);
            return lastFiniteEpoch;
          }
        }
      }
      return epoch;
    }

    private void clip() {
      GradientClipping c = config.clipping();
      if (c instanceof GradientClipping.ByNorm byNorm) {
        double sumSquares = 0;
        for (Parameter p : optimizer.parameters()) {
          Tensor g = p.grad();
          if (g != null) {
            try (Tensor sq = g.square(); Tensor s = sq.sum()) {
              sumSquares += s.item();
            }
          }
        }
        double norm = Math.sqrt(sumSquares);
        if (norm > byNorm.maxNorm()) {
          float scale = (float) (byNorm.maxNorm() / (norm + 1e-6));
          for (Parameter p : optimizer.parameters()) {
            Tensor g = p.grad();
            if (g != null) {
              try (Tensor scaled = g.mul(scale)) {
                g.assign(scaled);
              }
            }
          }
        }
      } else if (c instanceof GradientClipping.ByValue byValue) {
        float limit = (float) byValue.limit();
        for (Parameter p : optimizer.parameters()) {
          Tensor g = p.grad();
          if (g != null) {
            try (Tensor clamped = g.clamp(-limit, limit)) {
              g.assign(clamped);
            }
          }
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double mean(double[] values, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += values[i];
    }
    return n == 0 ? Double.NaN : s / n;
  }

  private static double std(double[] values, int n, double mean) {
    if (n == 0 || !Double.isFinite(mean)) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = values[i] - mean;
      s += d * d;
    }
    return Math.sqrt(s / n);
  }
}
