package dev.disciplina.diagnostics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers behind a {@link Diagnosis}. A measure that could not be computed (too few epochs, a
 * non-finite loss, an unknown class count, a non-positive loss in a ratio) is NaN.
 *
 * <p>"Smoothed" means Tukey's running median of 3 or 5 followed by Hanning ({@link
 * dev.disciplina.diagnostics.stats.Smoothing}); "late window" means the last quarter of the run,
 * at least 5 epochs; the "effective training loss" is the eval-mode training loss when the curves
 * have one (it is measured like the validation loss, so the gap compares like with like), else
 * the mean training loss of each epoch.
 *
 * @param epochs the number of epochs analysed
 * @param bestValLoss the validation loss at the best epoch (raw, as logged)
 * @param finalTrainLoss the last effective training loss (raw)
 * @param finalValLoss the last validation loss (raw)
 * @param gapRatio the generalization gap ratio {@code (val − train) / train} at the end, smoothed
 * @param gapRatioAtBest the same ratio at the epoch of smoothed best validation loss
 * @param generalizationLoss Prechelt's {@code GL = 100 · (E_va / E_opt − 1)} at the end, on the
 *     smoothed validation loss: percent above its best
 * @param trainingProgress Prechelt's {@code P_k = 1000 · (Σ E_tr / (k · min E_tr) − 1)} over the
 *     last strip of {@code k} epochs of the effective training loss, per mille
 * @param progressQuotient Prechelt's {@code PQ = GL / P_k}
 * @param stripLength {@code k}: Prechelt's 5, or fewer (at least 2) for runs under 25 epochs
 * @param upStrips how many successive strips, ending at the last epoch, ended with a higher
 *     smoothed validation loss than the strip before (Prechelt's UP_s holds for every s up to it)
 * @param relativeImprovementTrain {@code (start − end) / start} of the smoothed effective
 *     training loss
 * @param relativeImprovementVal {@code (start − best) / start} of the smoothed validation loss
 * @param lateSlopeTrain the change of the effective training loss across the late window
 *     (Theil–Sen slope × window length), divided by its median there: {@code -0.05} fell 5%
 * @param lateSlopeVal the same for the validation loss
 * @param lateTrendTrain the training loss's late change in standard errors (negative: falling)
 * @param lateTrendVal the validation loss's late change in standard errors
 * @param riseSinceBest how significant the validation loss's rise since the best epoch is, in
 *     standard errors: the weaker of its Theil–Sen trend from the best epoch to the end and the
 *     difference between the median of the late epochs and the median around the best (NaN when
 *     the best epoch is too close to the end)
 * @param lateWindow the late window's length in epochs
 * @param noise the validation loss's noise σ relative to its level (from the second differences of
 *     the loss divided by its smoothed curve, over the whole run): 0.05 means epoch-to-epoch
 *     wobbles of about 5%
 * @param chanceLoss {@code ln K} when the number of classes K is known
 */
public record Measures(
    int epochs,
    double bestValLoss,
    double finalTrainLoss,
    double finalValLoss,
    double gapRatio,
    double gapRatioAtBest,
    double generalizationLoss,
    double trainingProgress,
    double progressQuotient,
    int stripLength,
    int upStrips,
    double relativeImprovementTrain,
    double relativeImprovementVal,
    double lateSlopeTrain,
    double lateSlopeVal,
    double lateTrendTrain,
    double lateTrendVal,
    double riseSinceBest,
    int lateWindow,
    double noise,
    double chanceLoss) {

  /** Measures for a run too short or too broken to measure: everything NaN but what is given. */
  static Measures minimal(int epochs, double bestValLoss, double finalTrainLoss, double finalValLoss,
      double chanceLoss) {
    double nan = Double.NaN;
    return new Measures(epochs, bestValLoss, finalTrainLoss, finalValLoss, nan, nan, nan, nan, nan, 0, 0,
        nan, nan, nan, nan, nan, nan, nan, 0, nan, chanceLoss);
  }

  /**
   * The measures by name, in declaration order, as numbers ({@code Integer} or {@code Double};
   * NaN where not computed). For reports and JSON.
   */
  public Map<String, Number> asMap() {
    Map<String, Number> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("bestValLoss", bestValLoss);
    m.put("finalTrainLoss", finalTrainLoss);
    m.put("finalValLoss", finalValLoss);
    m.put("gapRatio", gapRatio);
    m.put("gapRatioAtBest", gapRatioAtBest);
    m.put("generalizationLoss", generalizationLoss);
    m.put("trainingProgress", trainingProgress);
    m.put("progressQuotient", progressQuotient);
    m.put("stripLength", stripLength);
    m.put("upStrips", upStrips);
    m.put("relativeImprovementTrain", relativeImprovementTrain);
    m.put("relativeImprovementVal", relativeImprovementVal);
    m.put("lateSlopeTrain", lateSlopeTrain);
    m.put("lateSlopeVal", lateSlopeVal);
    m.put("lateTrendTrain", lateTrendTrain);
    m.put("lateTrendVal", lateTrendVal);
    m.put("riseSinceBest", riseSinceBest);
    m.put("lateWindow", lateWindow);
    m.put("noise", noise);
    m.put("chanceLoss", chanceLoss);
    return Collections.unmodifiableMap(m);
  }
}
