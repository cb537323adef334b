package dev.disciplina.trainer;

import dev.disciplina.diagnostics.EpochRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One epoch of a {@link History}.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss the mean of the batch losses of the epoch, in training mode, as the weights
 *     changed (what Keras reports as {@code loss})
 * @param trainLossStd the standard deviation of those batch losses: how noisy the gradient was
 * @param trainEvalLoss the loss on a fixed subset of the training split in evaluation mode after
 *     the epoch, comparable with the validation loss; NaN when not measured
 * @param validationLoss the loss on the validation split in evaluation mode after the epoch
 * @param trainMetrics metrics on the same training subset, by key
 * @param validationMetrics metrics on the validation split, by key
 * @param learningRate the learning rate used in the epoch
 * @param iterations the number of batches (forward and backward passes)
 * @param optimizerSteps the number of optimizer steps (fewer with gradient accumulation)
 * @param seconds the wall time of the epoch, validation included
 */
public record EpochResult(
    int epoch,
    double trainLoss,
    double trainLossStd,
    double trainEvalLoss,
    double validationLoss,
    Map<String, Double> trainMetrics,
    Map<String, Double> validationMetrics,
    double learningRate,
    int iterations,
    int optimizerSteps,
    double seconds) {

  public EpochResult {
    trainMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(trainMetrics));
    validationMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(validationMetrics));
  }

  /** Training metric {@code key}, or NaN. */
  public double trainMetric(String key) {
    Double v = trainMetrics.get(key);
    return v == null ? Double.NaN : v;
  }

  /** Validation metric {@code key}, or NaN. */
  public double validationMetric(String key) {
    Double v = validationMetrics.get(key);
    return v == null ? Double.NaN : v;
  }

  /** Whether every loss of this epoch is a finite number. */
  public boolean isFinite() {
    return Double.isFinite(trainLoss) && Double.isFinite(validationLoss)
        && (Double.isNaN(trainEvalLoss) || Double.isFinite(trainEvalLoss));
  }

  /** This epoch with its wall time set to 0: what must repeat exactly under the same seed. */
  public EpochResult withoutTime() {
    return new EpochResult(epoch, trainLoss, trainLossStd, trainEvalLoss, validationLoss,
        trainMetrics, validationMetrics, learningRate, iterations, optimizerSteps, 0);
  }

  /** This epoch as the diagnostics module reads it. */
  public EpochRecord toDiagnostics() {
    OptionalDouble trainEval = Double.isNaN(trainEvalLoss) && Double.isFinite(trainLoss)
        ? OptionalDouble.empty() : OptionalDouble.of(trainEvalLoss);
    EpochRecord r = new EpochRecord(epoch, trainLoss, validationLoss, trainEval,
        OptionalDouble.empty(), OptionalDouble.empty());
    Double trainAcc = trainMetrics.get("accuracy");
    Double valAcc = validationMetrics.get("accuracy");
    if (trainAcc != null && valAcc != null) {
      r = r.withAccuracies(trainAcc, valAcc);
    }
    return r;
  }
}
