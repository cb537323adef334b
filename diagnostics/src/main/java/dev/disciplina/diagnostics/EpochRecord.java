package dev.disciplina.diagnostics;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One epoch's numbers, as a trainer hands them to an {@link OnlineDiagnostician}. Values may be
 * NaN or infinite (a diverged step); the diagnosis reports it.
 *
 * @param epoch the epoch number, increasing from record to record
 * @param trainLoss the mean training loss of the epoch
 * @param valLoss the validation loss after the epoch
 * @param trainEvalLoss the training loss measured in eval mode after the epoch, if measured
 * @param trainAccuracy the training accuracy in [0, 1], if measured
 * @param valAccuracy the validation accuracy in [0, 1], if measured
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double valLoss,
    OptionalDouble trainEvalLoss,
    OptionalDouble trainAccuracy,
    OptionalDouble valAccuracy) {

  /** Checks for nulls. */
  public EpochRecord {
    Objects.requireNonNull(trainEvalLoss, "trainEvalLoss");
    Objects.requireNonNull(trainAccuracy, "trainAccuracy");
    Objects.requireNonNull(valAccuracy, "valAccuracy");
  }

  /** A record with the two losses only. */
  public static EpochRecord of(int epoch, double trainLoss, double valLoss) {
    return new EpochRecord(epoch, trainLoss, valLoss, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /** This record with the eval-mode training loss set. */
  public EpochRecord withTrainEvalLoss(double loss) {
    return new EpochRecord(epoch, trainLoss, valLoss, OptionalDouble.of(loss), trainAccuracy, valAccuracy);
  }

  /** This record with training and validation accuracy set. */
  public EpochRecord withAccuracies(double train, double val) {
    return new EpochRecord(epoch, trainLoss, valLoss, trainEvalLoss, OptionalDouble.of(train), OptionalDouble.of(val));
  }
}
