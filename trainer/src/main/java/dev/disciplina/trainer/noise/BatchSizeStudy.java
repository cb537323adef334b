package dev.disciplina.trainer.noise;

import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.History;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the batch size did, measured over runs that differ only in it: per batch size the
 * throughput, the iterations per epoch, the batch-loss spread, the best validation loss, the
 * gradient noise scale, and the steps each run took to reach one validation loss — the best
 * loss that at least three runs (or more than half of them) reached, so that the steps are
 * counted over several epochs rather than at the first validation. McCandlish et al. (2018) model the steps to a result as
 * {@code S = S_min (1 + B_noise / B)}: linear in {@code 1/B}, so a least-squares line through
 * the measured steps against {@code 1/B} gives the batch size {@code B_crit = slope / intercept}
 * beyond which a larger batch stops saving steps — to be compared with the measured noise scale.
 *
 * @param runs one entry per batch size, smallest first
 * @param targetLoss the validation loss the steps are counted to: the k-th smallest of the
 *     runs' best losses, with k = min(n, max(3, n/2 + 1)) for n runs
 * @param criticalBatch {@code B_crit} from the fit; NaN when fewer than three runs reached the
 *     target at different step counts or the fit is not positive
 */
public record BatchSizeStudy(List<Run> runs, double targetLoss, double criticalBatch) {

  public BatchSizeStudy {
    runs = List.copyOf(runs);
  }

  /**
   * One batch size's measurements.
   *
   * @param batchSize the batch size
   * @param examplesPerSecond training examples per second of wall time, validation included
   * @param secondsPerEpoch mean wall time of an epoch
   * @param iterationsPerEpoch batches per epoch
   * @param batchLossSpread mean over epochs of the standard deviation of the batch losses
   * @param bestValidationLoss the lowest validation loss
   * @param bestEpoch the epoch it came in
   * @param noiseScale the noise-scale estimate of the epoch that reached the target (of the last
   *     epoch when none did), or NaN when it was not measured or not resolved
   * @param noiseScaleError its jackknife standard error, or NaN
   * @param stepsToTarget iterations until the validation loss first reached the target, or -1
   */
  public record Run(int batchSize, double examplesPerSecond, double secondsPerEpoch,
      int iterationsPerEpoch, double batchLossSpread, double bestValidationLoss, int bestEpoch,
      double noiseScale, double noiseScaleError, long stepsToTarget) {}

  /**
   * One run's inputs.
   *
   * @param batchSize its batch size
   * @param trainExamples the size of its training split
   * @param history its history
   * @param noiseScale its noise-scale estimates (empty when not measured)
   */
  public record Input(int batchSize, int trainExamples, History history,
      List<NoiseScaleEstimate> noiseScale) {}

  /** The study of {@code inputs}, which must each have at least one finite validation loss. */
  public static BatchSizeStudy of(List<Input> inputs) {
    List<Input> sorted = new ArrayList<>(inputs);
    sorted.sort(Comparator.comparingInt(Input::batchSize));
    double target = target(sorted);
    List<Run> runs = new ArrayList<>();
    for (Input in : sorted) {
      runs.add(run(in, target));
    }
    return new BatchSizeStudy(runs, target, criticalBatch(runs));
  }

  private static Run run(Input in, double target) {
    History h = in.history();
    double seconds = 0;
    double spread = 0;
    long steps = -1;
    long iterations = 0;
    for (EpochResult e : h.epochs()) {
      seconds += e.seconds();
      spread += e.trainLossStd();
      iterations += e.iterations();
      if (steps < 0 && e.validationLoss() <= target) {
        steps = iterations;
      }
    }
    int n = h.size();
    int at = steps < 0 ? n : firstEpochAtOrBelow(h, target);
    double noise = Double.NaN;
    double error = Double.NaN;
    for (NoiseScaleEstimate e : in.noiseScale()) {
      if (e.epoch() == at && e.resolved()) {
        noise = e.noiseScale();
        error = e.standardError();
      }
    }
    OptionalInt best = h.bestEpoch();
    return new Run(in.batchSize(), seconds > 0 ? (double) in.trainExamples() * n / seconds
        : Double.NaN, seconds / n, h.epochs().get(0).iterations(), spread / n,
        bestLoss(h), best.orElse(0), noise, error, steps);
  }

  /** The k-th smallest best loss, k = min(n, max(3, n/2 + 1)). */
  private static double target(List<Input> inputs) {
    double[] best = inputs.stream().mapToDouble(in -> bestLoss(in.history()))
        .filter(Double::isFinite).sorted().toArray();
    if (best.length == 0) {
      return Double.NaN;
    }
    int k = Math.min(best.length, Math.max(3, best.length / 2 + 1));
    return best[k - 1];
  }

  private static int firstEpochAtOrBelow(History h, double target) {
    for (EpochResult e : h.epochs()) {
      if (e.validationLoss() <= target) {
        return e.epoch();
      }
    }
    return h.size();
  }

  private static double bestLoss(History h) {
    return h.epochs().stream().mapToDouble(EpochResult::validationLoss)
        .filter(Double::isFinite).min().orElse(Double.NaN);
  }

  /**
   * The run whose noise-scale estimate at the target is the most precise: the smallest batch
   * that reached the target with a resolved estimate (the most pairs of steps per epoch).
   */
  public java.util.Optional<Run> noiseScaleReference() {
    return runs.stream().filter(r -> r.stepsToTarget() > 0 && Double.isFinite(r.noiseScale()))
        .findFirst();
  }

  /** {@code slope / intercept} of the least-squares line of steps against 1/B. */
  static double criticalBatch(List<Run> runs) {
    List<Run> reached = runs.stream().filter(r -> r.stepsToTarget() > 0).toList();
    if (reached.size() < 3) {
      return Double.NaN;
    }
    double n = reached.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Run r : reached) {
      double x = 1.0 / r.batchSize();
      double y = r.stepsToTarget();
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double denominator = n * sxx - sx * sx;
    if (denominator == 0) {
      return Double.NaN;
    }
    double slope = (n * sxy - sx * sy) / denominator;
    double intercept = (sy - slope * sx) / n;
    return slope > 0 && intercept > 0 ? slope / intercept : Double.NaN;
  }
}
