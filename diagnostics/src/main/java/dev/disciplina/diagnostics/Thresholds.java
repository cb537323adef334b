package dev.disciplina.diagnostics;

/**
 * Every threshold the diagnosis uses, with the reason for its default. Immutable; {@link
 * #defaults()} are the values the README documents, {@link #builder()} changes a few.
 *
 * <p>The defaults were chosen from published criteria and from what the statistic means, not by
 * fitting a corpus: the synthetic corpus in the tests only checks that the rules do what they
 * say.
 *
 * @param minEpochs below this many epochs the verdict is {@code INCONCLUSIVE}. Default 5: the
 *     robust slopes need at least 5 points to tell a trend from noise (Theil–Sen on 5 points has
 *     10 pairwise slopes), and 5 is Prechelt's strip length — fewer epochs than one strip say
 *     nothing about convergence.
 * @param minEpochsAfterBest overfitting needs the validation minimum at least this many epochs
 *     before the end. Default 3: with two points after the minimum a rise is indistinguishable
 *     from a spike plus the smoother's spread; three points give a rise a direction of its own.
 * @param generalizationLoss Prechelt's GL, in percent, on the smoothed validation loss, above
 *     which validation has clearly risen from its best. Default 5: the largest (most conservative)
 *     GL threshold Prechelt studied (GL1…GL5) — he used them to stop a run as soon as possible, we
 *     use it to state that a run <em>is</em> overfitting, so we take the end of his range that
 *     makes fewest false alarms; measured on the smoothed curve, so one noisy epoch cannot reach
 *     it alone.
 * @param significance how many standard errors a robust (Theil–Sen) trend must exceed to count
 *     as real. Default 2: the usual ~2.5% one-sided test level; the noise is estimated from the
 *     curve itself (second differences), so the test adapts to how noisy a run is.
 * @param gapRatio the generalization gap ratio {@code (val − train) / train} at the end above
 *     which a flattened validation loss counts as overfitting (memorising). Default 1.0: the
 *     validation loss is twice the training loss — the model fits the data it saw twice as well
 *     as data it did not; below that the gap is called small or moderate and reported.
 * @param gapOverStart together with {@link #gapRatio}: the gap {@code val − train} must also be
 *     at least this fraction of the run's loss scale — chance level {@code ln K} when the class
 *     count is known (or the first validation loss if higher), else the first validation loss.
 *     Default 0.10. The ratio
 *     alone is scale-free and so misreads a converged classifier: as training loss approaches 0
 *     any validation loss becomes "many times" it (a digits MLP at 97% validation accuracy ends
 *     with 0.10 against 0.026, a ratio near 3, while the gap is 3% of chance level ln 10 = 2.3). A
 *     tenth of the starting loss is a gap a person would see on the plot of the two curves.
 * @param chanceFraction when the number of classes K is known, a training loss at or above this
 *     fraction of chance level {@code ln K} is "near chance". Default 0.8: the model removed less
 *     than a fifth of the chance-level cross-entropy <em>on its own training data</em>; networks
 *     of ordinary size can drive training loss far below chance even on random labels (Zhang et
 *     al., "Understanding deep learning requires rethinking generalization", ICLR 2017), so staying
 *     there means too little capacity or an optimisation problem, not a hard task.
 * @param minRelativeImprovement a training loss that fell by less than this fraction of its
 *     first-epoch value learned little. Default 0.10: the first epoch's mean already includes the
 *     untrained model's loss, so even a fast-converging healthy run improves by far more than 10%
 *     from it, while a model that cannot fit (a linear model on a non-linear task, a frozen
 *     network) moves by a few percent. When K is known this also needs the loss above half of
 *     {@code ln K}, so a fine-tuned model that starts good is not called underfitting.
 * @param stillImprovingShare the share of the curve's total improvement made in the late window
 *     (the last quarter of the run) above which a significantly falling curve is "still
 *     improving". Default 0.10: for an exponential approach to a floor, the last quarter of the
 *     run still delivers a tenth of the total progress only when the run is shorter than about
 *     twice the time constant, i.e. when at least ~13% of the attainable improvement is still
 *     ahead; a straight line that has not started to level off makes 25%.
 * @param lateWindowFraction the fraction of the run, at its end, that late slopes are measured
 *     over (at least 5 epochs). Default 0.25: long enough for a robust slope, short enough to
 *     describe where the run is now rather than where it was.
 * @param explosionOverStart the smoothed training loss ends at least this many times its first
 *     value: exploding. Default 1.5: gradient descent that ends half again above where it started
 *     has undone all its learning and more — no schedule or regulariser does that.
 * @param explosionOverMin together with {@link #explosionGiveBack}: the smoothed training loss
 *     ends at least this many times its minimum. Default 2.0: doubling is far outside the
 *     epoch-to-epoch noise of a mean over a whole training epoch.
 * @param explosionGiveBack together with {@link #explosionOverMin}: the training loss gave back
 *     at least this share of what it had gained ({@code (end − min) / (start − min)}). Default
 *     0.5: having lost half of its progress, the run is going backwards, not wobbling.
 * @param trainingRise a significantly rising training loss that ends at least this fraction
 *     above its minimum <em>and</em> has given back at least this share of its gain is rising
 *     rather than wobbling. Default 0.10: ten percent of the level and of the gain; smaller rises
 *     happen with learning-rate schedules and noise.
 * @param resolution a run is called healthy only if the validation noise would have let a rise of
 *     this relative size show: twice the standard error of the late validation level, divided by
 *     that level, must stay below it. Default 0.10: twice the overfitting threshold
 *     ({@link #generalizationLoss} of 5%), so a run this noisy could hide overfitting of that size.
 */
public record Thresholds(
    int minEpochs,
    int minEpochsAfterBest,
    double generalizationLoss,
    double significance,
    double gapRatio,
    double gapOverStart,
    double chanceFraction,
    double minRelativeImprovement,
    double stillImprovingShare,
    double lateWindowFraction,
    double explosionOverStart,
    double explosionOverMin,
    double explosionGiveBack,
    double trainingRise,
    double resolution) {

  private static final Thresholds DEFAULTS =
      new Thresholds(5, 3, 10.0, 2.0, 1.0, 0.10, 0.8, 0.10, 0.10, 0.25, 1.5, 2.0, 0.5, 0.10, 0.10);

  /** Checks the values are in range. */
  public Thresholds {
    if (minEpochs < 3) {
      throw new IllegalArgumentException("minEpochs must be at least 3, got " + minEpochs);
    }
    if (minEpochsAfterBest < 1) {
      throw new IllegalArgumentException("minEpochsAfterBest must be at least 1, got " + minEpochsAfterBest);
    }
    positive("generalizationLoss", generalizationLoss);
    positive("significance", significance);
    positive("gapRatio", gapRatio);
    fraction("gapOverStart", gapOverStart);
    fraction("chanceFraction", chanceFraction);
    fraction("minRelativeImprovement", minRelativeImprovement);
    fraction("stillImprovingShare", stillImprovingShare);
    fraction("lateWindowFraction", lateWindowFraction);
    if (!(explosionOverStart > 1)) {
      throw new IllegalArgumentException("explosionOverStart must be above 1, got " + explosionOverStart);
    }
    if (!(explosionOverMin > 1)) {
      throw new IllegalArgumentException("explosionOverMin must be above 1, got " + explosionOverMin);
    }
    fraction("explosionGiveBack", explosionGiveBack);
    fraction("trainingRise", trainingRise);
    positive("resolution", resolution);
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  private static void fraction(String name, double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), got " + v);
    }
  }

  /** The documented defaults. */
  public static Thresholds defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link Thresholds}; each setter names the record component it sets. Not thread-safe. */
  public static final class Builder {
    private int minEpochs;
    private int minEpochsAfterBest;
    private double generalizationLoss;
    private double significance;
    private double gapRatio;
    private double gapOverStart;
    private double chanceFraction;
    private double minRelativeImprovement;
    private double stillImprovingShare;
    private double lateWindowFraction;
    private double explosionOverStart;
    private double explosionOverMin;
    private double explosionGiveBack;
    private double trainingRise;
    private double resolution;

    private Builder(Thresholds t) {
      minEpochs = t.minEpochs;
      minEpochsAfterBest = t.minEpochsAfterBest;
      generalizationLoss = t.generalizationLoss;
      significance = t.significance;
      gapRatio = t.gapRatio;
      gapOverStart = t.gapOverStart;
      chanceFraction = t.chanceFraction;
      minRelativeImprovement = t.minRelativeImprovement;
      stillImprovingShare = t.stillImprovingShare;
      lateWindowFraction = t.lateWindowFraction;
      explosionOverStart = t.explosionOverStart;
      explosionOverMin = t.explosionOverMin;
      explosionGiveBack = t.explosionGiveBack;
      trainingRise = t.trainingRise;
      resolution = t.resolution;
    }

    /** See {@link Thresholds#minEpochs()}. */
    public Builder minEpochs(int v) { minEpochs = v; return this; }

    /** See {@link Thresholds#minEpochsAfterBest()}. */
    public Builder minEpochsAfterBest(int v) { minEpochsAfterBest = v; return this; }

    /** See {@link Thresholds#generalizationLoss()}. */
    public Builder generalizationLoss(double v) { generalizationLoss = v; return this; }

    /** See {@link Thresholds#significance()}. */
    public Builder significance(double v) { significance = v; return this; }

    /** See {@link Thresholds#gapRatio()}. */
    public Builder gapRatio(double v) { gapRatio = v; return this; }

    /** See {@link Thresholds#gapOverStart()}. */
    public Builder gapOverStart(double v) { gapOverStart = v; return this; }

    /** See {@link Thresholds#chanceFraction()}. */
    public Builder chanceFraction(double v) { chanceFraction = v; return this; }

    /** See {@link Thresholds#minRelativeImprovement()}. */
    public Builder minRelativeImprovement(double v) { minRelativeImprovement = v; return this; }

    /** See {@link Thresholds#stillImprovingShare()}. */
    public Builder stillImprovingShare(double v) { stillImprovingShare = v; return this; }

    /** See {@link Thresholds#lateWindowFraction()}. */
    public Builder lateWindowFraction(double v) { lateWindowFraction = v; return this; }

    /** See {@link Thresholds#explosionOverStart()}. */
    public Builder explosionOverStart(double v) { explosionOverStart = v; return this; }

    /** See {@link Thresholds#explosionOverMin()}. */
    public Builder explosionOverMin(double v) { explosionOverMin = v; return this; }

    /** See {@link Thresholds#explosionGiveBack()}. */
    public Builder explosionGiveBack(double v) { explosionGiveBack = v; return this; }

    /** See {@link Thresholds#trainingRise()}. */
    public Builder trainingRise(double v) { trainingRise = v; return this; }

    /** See {@link Thresholds#resolution()}. */
    public Builder resolution(double v) { resolution = v; return this; }

    /**
     * The thresholds.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Thresholds build() {
      return new Thresholds(minEpochs, minEpochsAfterBest, generalizationLoss, significance, gapRatio,
          gapOverStart, chanceFraction, minRelativeImprovement, stillImprovingShare, lateWindowFraction,
          explosionOverStart, explosionOverMin, explosionGiveBack, trainingRise, resolution);
    }
  }
}
