package dev.disciplina.trainer;

import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.nn.Parameter;
import dev.disciplina.api.optim.Optimizer;
import dev.disciplina.api.random.ExampleKeys;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fit of a {@link Trainer}: the loop of DESIGN.md, over the run's state (epoch in progress,
 * its tally, the stop request, the epochs recorded). Used once, on one thread.
 */
final class TrainingRun {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  private final TrainingConfig config;
  private final List<TrainingListener> listeners;
  private final List<GradientHook> hooks;
  private final List<StopPolicy> policies;
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
  private final Map<String, Parameter> namedParameters;
  private final Rng shuffles;
  private final List<EpochResult> epochs = new ArrayList<>();
  private final ShardReducer shardReducer;
  private final ShardedStep sharded;

  private int epoch = 1;
  private EpochTally tally = EpochTally.fresh();
  private StopRequest stop;

  TrainingRun(TrainingConfig config, List<TrainingListener> listeners, List<GradientHook> hooks,
      List<StopPolicy> policies, ShardReducer shardReducer, Module model, Loss loss,
      Optimizer optimizer, Dataset train, Dataset validation) {
    this.config = config;
    this.listeners = listeners;
    this.hooks = hooks;
    this.policies = checkNames(policies);
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.train = java.util.Objects.requireNonNull(train, "train");
    this.validation = java.util.Objects.requireNonNull(validation, "validation");
    RunChecks.data(train, validation);
    this.runBackend = RunChecks.backendOf(model);
    this.encoding = config.targetEncoding().orElseGet(() -> loss.targetEncoding(train));
    this.batching = new Batching(config.batchSize(), config.shuffle(), config.dropLast());
    RunChecks.batches(batching, config, train);
    this.trainEval = trainEvalSubset();
    this.evaluator = new Evaluator(loss, encoding, config.evalBatchSize());
    this.namedParameters = optimizerParameterNames();
    this.shuffles = Rng.seeded(config.seed()).split("shuffle");
    String runId = config.runId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
    this.context = new TrainingContext(runId, runBackend.name(), config, model, optimizer, loss,
        train, validation);
    this.shardReducer = shardReducer;
    this.sharded = config.sharding().isSharded() ? new ShardedStep(config.sharding(),
        shardReducer, model, loss, encoding, optimizer, runBackend) : null;
    if (sharded != null) {
      ShardedStep.checkBatches(batching, train.size(), config.sharding());
    }
    context.bind(this::loopState, this::snapshot, () -> evaluator.evaluate(model, validation));
  }

  private static List<StopPolicy> checkNames(List<StopPolicy> policies) {
    Map<String, StopPolicy> seen = new LinkedHashMap<>();
    for (StopPolicy p : policies) {
      if (seen.putIfAbsent(p.name(), p) != null) {
        throw new IllegalArgumentException("two stop policies are named '" + p.name()
            + "': a checkpoint could not tell their states apart");
      }
    }
    return policies;
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

  /** The optimizer's parameters by their model path, in the optimizer's order. */
  private Map<String, Parameter> optimizerParameterNames() {
    Map<Parameter, String> names = new IdentityHashMap<>();
    model.namedParameters().forEach((n, p) -> names.put(p, n));
    Map<String, Parameter> out = new LinkedHashMap<>();
    List<Parameter> ps = optimizer.parameters();
    for (int i = 0; i < ps.size(); i++) {
      out.put(names.getOrDefault(ps.get(i), "optimizer." + i), ps.get(i));
    }
    return out;
  }

  /** The run: from the start, or from {@code from}, until the epochs are done or a policy stops it. */
  History execute(LoopState from) {
    if (from == null) {
      begin();
    } else {
      resumeFrom(from);
    }
    while (stop == null && epoch <= config.epochs()) {
      runEpoch();
    }
    return finish();
  }

  private void begin() {
    for (StopPolicy p : policies) {
      p.onTrainStart(context);
    }
    for (TrainingListener l : listeners) {
      l.onTrainStart(context);
    }
  }

  private void resumeFrom(LoopState from) {
    optimizer.importState(from.optimizer());
    epoch = from.epoch();
    tally = EpochTally.resumed(from.progress());
    epochs.addAll(from.epochs());
    context.resumeAt(from.iteration(), from.epochs());
    for (StopPolicy p : policies) {
      p.loadState(from.policies().getOrDefault(p.name(), PolicyState.EMPTY));
    }
    for (TrainingListener l : listeners) {
      l.onTrainStart(context);
    }
  }

  private void runEpoch() {
    config.schedule().ifPresent(s -> optimizer.setLearningRate(s.rate(epoch)));
    context.startEpoch(epoch);
    for (TrainingListener l : listeners) {
      l.onEpochStart(context, epoch);
    }
    model.train();
    trainBatches(batching.epoch(train, shuffles.split("epoch " + epoch)));
    model.eval();
    EpochResult result = Double.isFinite(tally.lastLoss()) ? validated() : unvalidated();
    epochs.add(result);
    context.record(result);
    epoch++;
    tally = EpochTally.fresh();
    consult(p -> p.afterEpoch(context, result));
    for (TrainingListener l : listeners) {
      l.onEpochEnd(context, result);
    }
    honourListenerRequest();
  }

  private void trainBatches(List<Batch> batches) {
    int k = config.accumulateBatches();
    for (int group = tally.batches(); group < batches.size() && stop == null; group += k) {
      int size = Math.min(k, batches.size() - group);
      int examples = 0;
      for (int j = 0; j < size && stop == null; j++) {
        Batch batch = batches.get(group + j);
        examples += batch.size();
        trainBatch(batch, batches.size(), j == 0, j == size - 1 ? examples : 0, size);
      }
    }
  }

  /** One batch; {@code stepExamples} > 0 when it closes its group (then the optimizer steps). */
  private void trainBatch(Batch batch, int batchesInEpoch, boolean opensGroup, int stepExamples,
      int groupSize) {
    for (TrainingListener l : listeners) {
      l.onBatchStart(context, batch);
    }
    long t0 = System.nanoTime();
    double value = iteration(batch, opensGroup, stepExamples, groupSize);
    tally.add(value, optimizer.learningRate(), stepExamples > 0 && Double.isFinite(value));
    context.countIteration();
    context.setAtStepBoundary(stepExamples > 0);
    BatchResult result = new BatchResult(epoch, batch.number(), context.iteration(),
        batchesInEpoch, batch.size(), value, System.nanoTime() - t0);
    consult(p -> p.afterBatch(context, result));
    for (TrainingListener l : listeners) {
      l.onBatchEnd(context, result);
    }
    context.setAtStepBoundary(true);
    honourListenerRequest();
    agreeOnStop();
  }

  /** Workers of a sharded group stop together: any worker's request stops them all. */
  private void agreeOnStop() {
    if (shardReducer != ShardReducer.LOCAL && shardReducer.anyStops(stop != null)
        && stop == null) {
      stop = StopRequest.of(StopReason.STOPPED_BY_LISTENER, "another worker of the group stopped");
    }
  }

  /**
   * One iteration in its own scope, under the batch's {@link ExampleKeys}: zero the gradients
   * when it opens a group, forward, loss, backward (the loss divided by the group's size), and
   * the hooks and the optimizer step when it closes the group. A non-finite loss skips backward
   * and step. Returns the batch's loss.
   */
  private double iteration(Batch batch, boolean opensGroup, int stepExamples, int groupSize) {
    if (sharded != null) {
      return sharded.run(epoch, batch, () -> hooksAndStep(batch, stepExamples));
    }
    try (Scope iteration = Scope.open(runBackend);
        ExampleKeys.Activation keys = ExampleKeys.enter(epoch, exampleIds(batch))) {
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
        if (stepExamples > 0) {
          hooksAndStep(batch, stepExamples);
        }
      }
      return value;
    }
  }

  private void hooksAndStep(Batch batch, int stepExamples) {
    GradientStep step = new GradientStep(epoch, batch.number(), optimizer.steps() + 1L,
        stepExamples, namedParameters);
    for (GradientHook h : hooks) {
      h.beforeStep(step);
    }
    optimizer.step();
  }

  private static long[] exampleIds(Batch batch) {
    long[] ids = new long[batch.size()];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = batch.index(k);
    }
    return ids;
  }

  private EpochResult validated() {
    for (TrainingListener l : listeners) {
      l.onValidationStart(context, epoch);
    }
    Evaluation trainEvaluation = trainEval == null ? null : evaluator.evaluate(model, trainEval);
    Evaluation val = evaluator.evaluate(model, validation);
    for (TrainingListener l : listeners) {
      l.onValidationEnd(context, val);
    }
    return new EpochResult(epoch, tally.meanLoss(), tally.lossStd(),
        trainEvaluation == null ? Double.NaN : trainEvaluation.loss(), val.loss(),
        trainEvaluation == null ? Map.of() : trainEvaluation.metrics(), val.metrics(),
        tally.learningRate(optimizer.learningRate()), tally.batches(), tally.steps(),
        tally.seconds());
  }

  /** The epoch a non-finite batch loss cut short: not validated. */
  private EpochResult unvalidated() {
    return new EpochResult(epoch, tally.meanLoss(), tally.lossStd(), Double.NaN, Double.NaN,
        Map.of(), Map.of(), tally.learningRate(optimizer.learningRate()), tally.batches(),
        tally.steps(), tally.seconds());
  }

  /** Asks every policy (each must see every boundary); the first request wins. */
  private void consult(Function<StopPolicy, Optional<StopRequest>> question) {
    for (StopPolicy p : policies) {
      Optional<StopRequest> r = question.apply(p);
      if (stop == null && r.isPresent()) {
        stop = r.get();
      }
    }
  }

  private void honourListenerRequest() {
    if (stop == null && context.stopRequest().isPresent()) {
      stop = StopRequest.of(StopReason.STOPPED_BY_LISTENER, context.stopRequest().get());
    }
  }

  /** Restores the weights the stop request and then the policies name, and builds the history. */
  private History finish() {
    int weightsFrom = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
    String detail = stop == null ? "all " + config.epochs() + " epochs ran" : stop.detail();
    if (stop != null && stop.restore().isPresent()) {
      model.loadStateDict(stop.restore().get().state());
      weightsFrom = stop.restore().get().epoch();
    }
    for (StopPolicy p : policies) {
      Optional<WeightSnapshot> w = p.finalWeights(context);
      if (w.isPresent()) {
        if (w.get().epoch() != weightsFrom) {
          model.loadStateDict(w.get().state());
          weightsFrom = w.get().epoch();
          detail += "; restored the weights of epoch " + weightsFrom;
        }
        break;
      }
    }
    model.eval();
    History history = new History(epochs, stop == null ? StopReason.COMPLETED : stop.reason(),
        detail, Curves.chanceClasses(loss, train), Evaluator.metricKeys(train), weightsFrom);
    LOG.debug("run {} on {}: {} ({})", context.runId(), runBackend.name(), history.stopReason(),
        detail);
    for (TrainingListener l : listeners) {
      l.onTrainEnd(context, history);
    }
    return history;
  }

  private LoopState loopState() {
    Map<String, PolicyState> states = new LinkedHashMap<>();
    for (StopPolicy p : policies) {
      states.put(p.name(), p.saveState());
    }
    return new LoopState(epoch, context.iteration(), tally.progress(), optimizer.exportState(),
        states, epochs);
  }

  private WeightSnapshot snapshot() {
    return new WeightSnapshot(epoch - 1, tally.batches(), model.stateDict());
  }
}
