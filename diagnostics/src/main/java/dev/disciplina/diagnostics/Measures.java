package dev.disciplina.diagnostics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers behind a {@link Diagnosis}. A measure that could not be computed (too few epochs, a
 * non-finite loss, an unknown class count, a non-positive loss in a ratio) is NaN (0 for the
 * counts). Built by name with {@link #builder()}; immutable.
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
 * @param gapOverScale the gap {@code val − train} at the end (smoothed) over the loss scale: the larger of the first
 *     epoch's two losses and, when known, chance level {@code ln K}
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
 * @param relativeImprovementValToLate {@code (start − late median) / start} of the validation loss
 *     (smoothed start): how far it came down to where it is now
 * @param lateSlopeTrain the change of the effective training loss across the late window
 *     (Theil–Sen slope × window length), divided by its median there: {@code -0.05} fell 5%
 * @param lateSlopeVal the same for the validation loss
 * @param lateTrendTrain the training loss's late change in standard errors (negative: falling)
 * @param lateTrendVal the validation loss's late change in standard errors
 * @param shareOfImprovementVal the share of the validation loss's total improvement (start to best)
 *     made in the late window
 * @param riseSinceBest how significant the validation loss's rise since the best epoch is, in
 *     standard errors: the median of the late epochs against the median around the best (NaN when
 *     the best epoch is too close to the end)
 * @param riseTrendSinceBest the Theil–Sen trend of the validation loss from the best epoch to the
 *     end, in standard errors
 * @param lateWindow the late window's length in epochs
 * @param noise the validation loss's noise σ relative to its level (from the second differences of
 *     the loss divided by its smoothed curve, over the whole run): 0.05 means epoch-to-epoch
 *     wobbles of about 5%
 * @param resolution the smallest relative rise the late window can show through that noise:
 *     {@code 2 · √(π/2) · noise / √lateWindow}
 * @param progressOverNoise how far the validation loss came down, from its first smoothed value to the
 *     median of the late window, in standard errors of that median
 * @param chanceLoss {@code ln K} when the number of classes K is known or inferred
 * @param inferredClasses K when it was inferred from the log (the validation loss sits at {@code ln K}
 *     and the validation accuracy at {@code 1/K}), else 0
 */
public record Measures(
    int epochs,
    double bestValLoss,
    double finalTrainLoss,
    double finalValLoss,
    double gapRatio,
    double gapRatioAtBest,
    double gapOverScale,
    double generalizationLoss,
    double trainingProgress,
    double progressQuotient,
    int stripLength,
    int upStrips,
    double relativeImprovementTrain,
    double relativeImprovementVal,
    double relativeImprovementValToLate,
    double lateSlopeTrain,
    double lateSlopeVal,
    double lateTrendTrain,
    double lateTrendVal,
    double shareOfImprovementVal,
    double riseSinceBest,
    double riseTrendSinceBest,
    int lateWindow,
    double noise,
    double resolution,
    double progressOverNoise,
    double chanceLoss,
    int inferredClasses) {

  /** Measures for a run too short or too broken to measure: everything NaN but what is given. */
  static Measures minimal(int epochs, double bestValLoss, double finalTrainLoss, double finalValLoss,
      double chanceLoss) {
    return builder().epochs(epochs).bestValLoss(bestValLoss).finalTrainLoss(finalTrainLoss)
        .finalValLoss(finalValLoss).chanceLoss(chanceLoss).build();
  }

  /** A builder; every measure not set is NaN (0 for the counts). */
  public static Builder builder() {
    return new Builder();
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
    m.put("gapOverScale", gapOverScale);
    m.put("generalizationLoss", generalizationLoss);
    m.put("trainingProgress", trainingProgress);
    m.put("progressQuotient", progressQuotient);
    m.put("stripLength", stripLength);
    m.put("upStrips", upStrips);
    m.put("relativeImprovementTrain", relativeImprovementTrain);
    m.put("relativeImprovementVal", relativeImprovementVal);
    m.put("relativeImprovementValToLate", relativeImprovementValToLate);
    m.put("lateSlopeTrain", lateSlopeTrain);
    m.put("lateSlopeVal", lateSlopeVal);
    m.put("lateTrendTrain", lateTrendTrain);
    m.put("lateTrendVal", lateTrendVal);
    m.put("shareOfImprovementVal", shareOfImprovementVal);
    m.put("riseSinceBest", riseSinceBest);
    m.put("riseTrendSinceBest", riseTrendSinceBest);
    m.put("lateWindow", lateWindow);
    m.put("noise", noise);
    m.put("resolution", resolution);
    m.put("progressOverNoise", progressOverNoise);
    m.put("chanceLoss", chanceLoss);
    m.put("inferredClasses", inferredClasses);
    return Collections.unmodifiableMap(m);
  }

  /** Builds {@link Measures} by name. Not thread-safe. */
  public static final class Builder {
    private int epochs;
    private double bestValLoss = Double.NaN;
    private double finalTrainLoss = Double.NaN;
    private double finalValLoss = Double.NaN;
    private double gapRatio = Double.NaN;
    private double gapRatioAtBest = Double.NaN;
    private double gapOverScale = Double.NaN;
    private double generalizationLoss = Double.NaN;
    private double trainingProgress = Double.NaN;
    private double progressQuotient = Double.NaN;
    private int stripLength;
    private int upStrips;
    private double relativeImprovementTrain = Double.NaN;
    private double relativeImprovementVal = Double.NaN;
    private double relativeImprovementValToLate = Double.NaN;
    private double lateSlopeTrain = Double.NaN;
    private double lateSlopeVal = Double.NaN;
    private double lateTrendTrain = Double.NaN;
    private double lateTrendVal = Double.NaN;
    private double shareOfImprovementVal = Double.NaN;
    private double riseSinceBest = Double.NaN;
    private double riseTrendSinceBest = Double.NaN;
    private int lateWindow;
    private double noise = Double.NaN;
    private double resolution = Double.NaN;
    private double progressOverNoise = Double.NaN;
    private double chanceLoss = Double.NaN;
    private int inferredClasses;

    private Builder() {}

    /** {@link Measures#epochs()}. */
    public Builder epochs(int v) {
      this.epochs = v;
      return this;
    }

    /** {@link Measures#bestValLoss()}. */
    public Builder bestValLoss(double v) {
      this.bestValLoss = v;
      return this;
    }

    /** {@link Measures#finalTrainLoss()}. */
    public Builder finalTrainLoss(double v) {
      this.finalTrainLoss = v;
      return this;
    }

    /** {@link Measures#finalValLoss()}. */
    public Builder finalValLoss(double v) {
      this.finalValLoss = v;
      return this;
    }

    /** {@link Measures#gapRatio()}. */
    public Builder gapRatio(double v) {
      this.gapRatio = v;
      return this;
    }

    /** {@link Measures#gapRatioAtBest()}. */
    public Builder gapRatioAtBest(double v) {
      this.gapRatioAtBest = v;
      return this;
    }

    /** {@link Measures#gapOverScale()}. */
    public Builder gapOverScale(double v) {
      this.gapOverScale = v;
      return this;
    }

    /** {@link Measures#generalizationLoss()}. */
    public Builder generalizationLoss(double v) {
      this.generalizationLoss = v;
      return this;
    }

    /** {@link Measures#trainingProgress()}. */
    public Builder trainingProgress(double v) {
      this.trainingProgress = v;
      return this;
    }

    /** {@link Measures#progressQuotient()}. */
    public Builder progressQuotient(double v) {
      this.progressQuotient = v;
      return this;
    }

    /** {@link Measures#stripLength()}. */
    public Builder stripLength(int v) {
      this.stripLength = v;
      return this;
    }

    /** {@link Measures#upStrips()}. */
    public Builder upStrips(int v) {
      this.upStrips = v;
      return this;
    }

    /** {@link Measures#relativeImprovementTrain()}. */
    public Builder relativeImprovementTrain(double v) {
      this.relativeImprovementTrain = v;
      return this;
    }

    /** {@link Measures#relativeImprovementVal()}. */
    public Builder relativeImprovementVal(double v) {
      this.relativeImprovementVal = v;
      return this;
    }

    /** {@link Measures#relativeImprovementValToLate()}. */
    public Builder relativeImprovementValToLate(double v) {
      this.relativeImprovementValToLate = v;
      return this;
    }

    /** {@link Measures#lateSlopeTrain()}. */
    public Builder lateSlopeTrain(double v) {
      this.lateSlopeTrain = v;
      return this;
    }

    /** {@link Measures#lateSlopeVal()}. */
    public Builder lateSlopeVal(double v) {
      this.lateSlopeVal = v;
      return this;
    }

    /** {@link Measures#lateTrendTrain()}. */
    public Builder lateTrendTrain(double v) {
      this.lateTrendTrain = v;
      return this;
    }

    /** {@link Measures#lateTrendVal()}. */
    public Builder lateTrendVal(double v) {
      this.lateTrendVal = v;
      return this;
    }

    /** {@link Measures#shareOfImprovementVal()}. */
    public Builder shareOfImprovementVal(double v) {
      this.shareOfImprovementVal = v;
      return this;
    }

    /** {@link Measures#riseSinceBest()}. */
    public Builder riseSinceBest(double v) {
      this.riseSinceBest = v;
      return this;
    }

    /** {@link Measures#riseTrendSinceBest()}. */
    public Builder riseTrendSinceBest(double v) {
      this.riseTrendSinceBest = v;
      return this;
    }

    /** {@link Measures#lateWindow()}. */
    public Builder lateWindow(int v) {
      this.lateWindow = v;
      return this;
    }

    /** {@link Measures#noise()}. */
    public Builder noise(double v) {
      this.noise = v;
      return this;
    }

    /** {@link Measures#resolution()}. */
    public Builder resolution(double v) {
      this.resolution = v;
      return this;
    }

    /** {@link Measures#progressOverNoise()}. */
    public Builder progressOverNoise(double v) {
      this.progressOverNoise = v;
      return this;
    }

    /** {@link Measures#chanceLoss()}. */
    public Builder chanceLoss(double v) {
      this.chanceLoss = v;
      return this;
    }

    /** {@link Measures#inferredClasses()}. */
    public Builder inferredClasses(int v) {
      this.inferredClasses = v;
      return this;
    }

    /** The measures. */
    public Measures build() {
      return new Measures(epochs, bestValLoss, finalTrainLoss, finalValLoss, gapRatio, gapRatioAtBest, gapOverScale, generalizationLoss, trainingProgress, progressQuotient, stripLength, upStrips, relativeImprovementTrain, relativeImprovementVal, relativeImprovementValToLate, lateSlopeTrain, lateSlopeVal, lateTrendTrain, lateTrendVal, shareOfImprovementVal, riseSinceBest, riseTrendSinceBest, lateWindow, noise, resolution, progressOverNoise, chanceLoss, inferredClasses);
    }
  }
}
