package dev.disciplina.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the loop's events as Micrometer meters, each tagged with {@code run} (the run id) and
 * {@code backend}:
 *
 * <ul>
 *   <li>gauges {@value #TRAINING_LOSS} (mean training loss of the last epoch), {@value
 *       #BATCH_LOSS} (loss of the last batch), {@value #VALIDATION_LOSS}, {@value
 *       #LEARNING_RATE}, and {@value #VALIDATION_METRIC} with a {@code metric} tag per metric;
 *   <li>counters {@value #ITERATIONS} and {@value #SAMPLES};
 *   <li>timers {@value #BATCH_TIMER} and {@value #EPOCH_TIMER}.
 * </ul>
 *
 * <p>The registry is injected, never a global one. Gauges hold their values here, so they stay
 * readable after the run. Thread-safe for sequential runs from different threads.
 */
public final class TrainingMeters implements TrainingListener {

  public static final String TRAINING_LOSS = "disciplina.training.loss";
  public static final String BATCH_LOSS = "disciplina.training.batch.loss";
  public static final String VALIDATION_LOSS = "disciplina.validation.loss";
  public static final String VALIDATION_METRIC = "disciplina.validation.metric";
  public static final String LEARNING_RATE = "disciplina.training.learning.rate";
  public static final String ITERATIONS = "disciplina.training.iterations";
  public static final String SAMPLES = "disciplina.training.samples";
  public static final String BATCH_TIMER = "disciplina.training.batch";
  public static final String EPOCH_TIMER = "disciplina.training.epoch";

  private final MeterRegistry registry;
  private final Map<String, RunMeters> runs = new ConcurrentHashMap<>();

  public TrainingMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** A holder a gauge reads; volatile so another thread's scrape sees the last value. */
  private static final class Value {
    private volatile double value = Double.NaN;
  }

  private final class RunMeters {
    final Tags tags;
    final Value trainingLoss = new Value();
    final Value batchLoss = new Value();
    final Value validationLoss = new Value();
    final Value learningRate = new Value();
    final Map<String, Value> metrics = new ConcurrentHashMap<>();
    final Counter iterations;
    final Counter samples;
    final Timer batch;
    final Timer epoch;

    RunMeters(TrainingContext c) {
      tags = Tags.of("run", c.runId(), "backend", c.backendName());
      gauge(TRAINING_LOSS, "mean training loss of the last epoch", trainingLoss, tags);
      gauge(BATCH_LOSS, "loss of the last training batch", batchLoss, tags);
      gauge(VALIDATION_LOSS, "validation loss after the last epoch", validationLoss, tags);
      gauge(LEARNING_RATE, "learning rate of the current epoch", learningRate, tags);
      iterations = Counter.builder(ITERATIONS).description("training iterations (batches)")
          .tags(tags).register(registry);
      samples = Counter.builder(SAMPLES).description("training examples processed")
          .baseUnit("samples").tags(tags).register(registry);
      batch = Timer.builder(BATCH_TIMER).description("wall time of one training iteration")
          .tags(tags).register(registry);
      epoch = Timer.builder(EPOCH_TIMER).description("wall time of one epoch, validation included")
          .tags(tags).register(registry);
    }

    Value metric(String key) {
      return metrics.computeIfAbsent(key, k -> {
        Value v = new Value();
        gauge(VALIDATION_METRIC, "validation metric after the last epoch", v,
            tags.and("metric", k));
        return v;
      });
    }
  }

  private void gauge(String name, String description, Value holder, Tags tags) {
    Gauge.builder(name, holder, h -> h.value).description(description).tags(tags)
        .register(registry);
  }

  private RunMeters meters(TrainingContext c) {
    return runs.computeIfAbsent(c.runId(), id -> new RunMeters(c));
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    meters(context);
  }

  @Override
  public void onEpochStart(TrainingContext context, int epoch) {
    meters(context).learningRate.value = context.optimizer().learningRate();
  }

  @Override
  public void onBatchEnd(TrainingContext context, BatchResult result) {
    RunMeters m = meters(context);
    m.batchLoss.value = result.loss();
    m.iterations.increment();
    m.samples.increment(result.examples());
    m.batch.record(result.nanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onValidationEnd(TrainingContext context, Evaluation validation) {
    RunMeters m = meters(context);
    m.validationLoss.value = validation.loss();
    validation.metrics().forEach((k, v) -> m.metric(k).value = v);
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult epoch) {
    RunMeters m = meters(context);
    m.trainingLoss.value = epoch.trainLoss();
    m.epoch.record((long) (epoch.seconds() * 1e9), TimeUnit.NANOSECONDS);
  }
}
