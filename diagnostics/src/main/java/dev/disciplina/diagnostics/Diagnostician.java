package dev.disciplina.diagnostics;

import static dev.disciplina.diagnostics.stats.RobustStatistics.argMin;
import static dev.disciplina.diagnostics.stats.RobustStatistics.lineChangeStandardError;
import static dev.disciplina.diagnostics.stats.RobustStatistics.median;
import static dev.disciplina.diagnostics.stats.RobustStatistics.min;
import static dev.disciplina.diagnostics.stats.RobustStatistics.noiseSigma;
import static dev.disciplina.diagnostics.stats.RobustStatistics.relativeNoiseSigma;
import static dev.disciplina.diagnostics.stats.RobustStatistics.theilSenSlope;

import dev.disciplina.diagnostics.stats.Prechelt;
import dev.disciplina.diagnostics.stats.Smoothing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Reads {@link LearningCurves} and decides a {@link Diagnosis} under a set of {@link Thresholds}.
 * Stateless apart from its thresholds; thread-safe.
 *
 * <p>The rules, in the order they are tried (the first that holds decides; the README has the
 * same table with the reasons for each threshold):
 *
 * <ol>
 *   <li><b>DIVERGING, non-finite loss</b>: any training, eval-mode training or validation loss is
 *       NaN or infinite. Nothing after a NaN means anything.
 *   <li><b>INCONCLUSIVE, too few epochs</b>: fewer than {@link Thresholds#minEpochs()}.
 *   <li><b>DIVERGING, exploding loss</b>: the training loss (running median of 3, so two epochs
 *       in a row are needed) ends {@link Thresholds#explosionOverStart()} times above its start,
 *       or {@link Thresholds#explosionOverMin()} times above its minimum having given back
 *       {@link Thresholds#explosionGiveBack()} of its gain.
 *   <li><b>DIVERGING, training loss rising</b>: the training loss rises significantly over the
 *       late window and ends {@link Thresholds#trainingRise()} above its minimum, having given
 *       back that share of its gain. Gradient descent whose training loss climbs is overshooting;
 *       a validation rise on top of it is not overfitting.
 *   <li><b>UNDERFITTING, near chance</b>: K is known and the training loss is at least {@link
 *       Thresholds#chanceFraction()} of {@code ln K}. Checked before overfitting: a model that has
 *       not fitted its training data is not overfitting it.
 *   <li><b>OVERFITTING, validation rising</b>: the validation minimum lies at least {@link
 *       Thresholds#minEpochsAfterBest()} epochs before the end, Prechelt's GL at the end (smoothed)
 *       is at least {@link Thresholds#generalizationLoss()}, and the rise since the minimum is
 *       significant by {@link Thresholds#significance()} standard errors twice over: its Theil–Sen
 *       trend, and the median of the last epochs against the median around the minimum. The
 *       onset is the best epoch.
 *   <li><b>UNDERFITTING, little learned</b>: the training loss improved by less than {@link
 *       Thresholds#minRelativeImprovement()} (and, when K is known, is still above half of {@code
 *       ln K}). For this rule and rule 5 the cause is {@code STILL_IMPROVING} if the training loss
 *       is still falling clearly, else {@code CAPACITY}.
 *   <li><b>INCONCLUSIVE, too noisy</b>: the validation noise could hide a rise of {@link
 *       Thresholds#resolution()}.
 *   <li><b>UNDERFITTING, still improving</b>: the validation loss falls significantly over the late
 *       window and that window made at least {@link Thresholds#stillImprovingShare()} of its total
 *       improvement, while the training loss falls too. We call an under-trained run underfitting:
 *       the model does not yet fit as well as it can, and the remedy (train longer, raise the
 *       learning rate) is the underfitting remedy.
 *   <li><b>OVERFITTING, generalization gap</b>: validation loss has flattened but the smoothed gap
 *       ratio at the end is at least {@link Thresholds#gapRatio()} and the gap is at least {@link
 *       Thresholds#gapOverStart()} of the starting validation loss.
 *   <li><b>INCONCLUSIVE, rise not confirmed</b>: GL is past its threshold and the rise is either
 *       too recent or between {@link #SUGGESTIVE_RISE} and {@link Thresholds#significance()}
 *       standard errors.
 *   <li><b>HEALTHY</b> otherwise: validation converged near its minimum, the gap is small,
 *       training learned.
 * </ol>
 */
public final class Diagnostician {

  /**
   * Relative noise estimates are floored at this value, so a curve printed with a few
   * decimals, or synthesised without noise, does not make every tiny change "significant": a
   * change of one part in ten thousand is never evidence.
   */
  static final double NOISE_FLOOR = 1e-4;

  /**
   * A rise past the GL threshold whose trend is less than this many standard errors is taken for
   * noise, not for a rise in the making: the smoothed minimum of a flat, noisy curve is biased low
   * (it is the lowest of many noisy values), so GL alone exceeds its threshold on plateaus with a
   * few percent of noise, and a trend within one standard error of flat is what such a plateau
   * looks like. Between this and {@link Thresholds#significance()} the verdict is "not yet
   * confirmed".
   */
  static final double SUGGESTIVE_RISE = 1.0;

  /**
   * The best epoch is the raw minimum within this many epochs of the smoothed minimum; the group
   * test for a rise compares the last epochs with this neighbourhood of the best.
   */
  static final int BEST_EPOCH_RADIUS = 2;

  /**
   * Efficiency factor of the median as a location estimate under normal noise: its standard error
   * is {@code √(π/2) σ / √n}.
   */
  private static final double MEDIAN_SE_FACTOR = Math.sqrt(Math.PI / 2);

  private final Thresholds thresholds;

  /** A diagnostician with the documented default thresholds. */
  public Diagnostician() {
    this(Thresholds.defaults());
  }

  /** A diagnostician with the given thresholds. */
  public Diagnostician(Thresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  /** The thresholds in use. */
  public Thresholds thresholds() {
    return thresholds;
  }

  /** Diagnoses the curves; never throws for well-formed curves, whatever their values. */
  public Diagnosis diagnose(LearningCurves curves) {
    Objects.requireNonNull(curves, "curves");
    int n = curves.size();
    double[] train = toArray(curves.trainLoss());
    double[] val = toArray(curves.valLoss());
    boolean evalMode = !curves.trainEvalLoss().isEmpty();
    double[] tr = evalMode ? toArray(curves.trainEvalLoss()) : train;
    double chance = curves.chanceLoss().orElse(Double.NaN);

    int firstBad = firstNonFinite(train, val, evalMode ? tr : null);
    if (firstBad >= 0) {
      return nonFinite(curves, train, val, tr, firstBad, chance);
    }
    if (n < thresholds.minEpochs()) {
      return tooFew(curves, tr, val, chance);
    }
    return new Facts(curves, tr, val, evalMode, chance).decide();
  }

  // ---------------------------------------------------------------------------------------------
  // Rules that need no measures.

  private Diagnosis nonFinite(LearningCurves c, double[] train, double[] val, double[] tr, int bad,
      double chance) {
    String which = !Double.isFinite(train[bad]) ? "training loss is " + fmt(train[bad])
        : !Double.isFinite(val[bad]) ? "validation loss is " + fmt(val[bad])
        : "eval-mode training loss is " + fmt(tr[bad]);
    int best = bad > 0 ? argMin(val, 0, bad) : -1;
    List<String> reasons = new ArrayList<>();
    reasons.add("at epoch " + c.epochs().get(bad) + " the " + which
        + ": the weights are no longer numbers, and nothing after this point can be trusted");
    List<String> advice = new ArrayList<>();
    advice.add("Lower the learning rate (try 10 times smaller) or add a warm-up.");
    advice.add("Clip gradients (e.g. to a global norm of 1).");
    advice.add("Check the inputs and labels for NaN or infinity, and normalise the features.");
    advice.add("Check the loss for log(0) or a division by zero (use the fused softmax cross-entropy on logits).");
    if (best >= 0) {
      advice.add("The last sound weights are from before epoch " + c.epochs().get(bad)
          + "; the best of them by validation loss are from epoch " + c.epochs().get(best) + ".");
    }
    Measures m = Measures.minimal(c.size(), best >= 0 ? val[best] : Double.NaN, tr[c.size() - 1],
        val[c.size() - 1], chance);
    return new Diagnosis(Verdict.DIVERGING, Cause.NON_FINITE_LOSS, epochAt(c, best), OptionalInt.empty(), m,
        0.99, reasons, advice);
  }

  private Diagnosis tooFew(LearningCurves c, double[] tr, double[] val, double chance) {
    int n = c.size();
    int best = argMin(val, 0, n);
    Measures m = Measures.minimal(n, val[best], tr[n - 1], val[n - 1], chance);
    return new Diagnosis(Verdict.INCONCLUSIVE, Cause.TOO_FEW_EPOCHS, epochAt(c, best), OptionalInt.empty(), m,
        0.99,
        List.of("only " + n + (n == 1 ? " epoch" : " epochs") + " recorded; the rules need at least "
            + thresholds.minEpochs() + " to tell a trend from noise"),
        List.of("Train for at least " + thresholds.minEpochs()
            + " epochs (better 20 or more) before reading the curves."));
  }

  // ---------------------------------------------------------------------------------------------
  // The measured rules.

  /** Everything measured on one run, and the rules that read it. */
  private final class Facts {
    final LearningCurves c;
    final int n;
    final double[] tr;
    final double[] va;
    final boolean evalMode;
    final double chance;
    final double[] sTr;
    final double[] sVa;
    final int lateWindow;
    final int lateFrom;
    final double sigmaTr;
    final double sigmaVa;
    final double changeTr;
    final double changeVa;
    final double zTr;
    final double zVa;
    final double startTr;
    final double endTr;
    final double minTr;
    final double startVa;
    final double endVa;
    final int smoothBest;
    final int best;
    final double minVa;
    final double relImpTr;
    final double relImpVa;
    final double gap;
    final double gapAtBest;
    final double gl;
    final int strip;
    final double progress;
    final double pq;
    final int up;
    final double shareTr;
    final double shareVa;
    final double lateSlopeTr;
    final double lateSlopeVa;
    final double riseZ;
    final double riseChange;
    final double noiseRelTr;
    final double noiseRelVa;
    final double resolution;

    Facts(LearningCurves c, double[] tr, double[] va, boolean evalMode, double chance) {
      this.c = c;
      this.n = tr.length;
      this.tr = tr;
      this.va = va;
      this.evalMode = evalMode;
      this.chance = chance;
      sTr = Smoothing.smooth(tr);
      sVa = Smoothing.smooth(va);
      lateWindow = Math.min(n, Math.max(5, (int) Math.ceil(thresholds.lateWindowFraction() * n)));
      lateFrom = n - lateWindow;
      startTr = sTr[0];
      endTr = sTr[n - 1];
      minTr = min(sTr, 0, n);
      startVa = sVa[0];
      endVa = sVa[n - 1];
      smoothBest = argMin(sVa, 0, n);
      minVa = sVa[smoothBest];
      best = argMin(va, Math.max(0, smoothBest - BEST_EPOCH_RADIUS), Math.min(n, smoothBest + BEST_EPOCH_RADIUS + 1));
      double levelTr = median(tr, lateFrom, n);
      double levelVa = median(va, lateFrom, n);
      noiseRelTr = relativeNoise(tr, sTr);
      noiseRelVa = relativeNoise(va, sVa);
      sigmaTr = noiseRelTr * Math.abs(levelTr);
      sigmaVa = noiseRelVa * Math.abs(levelVa);
      changeTr = theilSenSlope(tr, lateFrom, n) * (lateWindow - 1);
      changeVa = theilSenSlope(va, lateFrom, n) * (lateWindow - 1);
      zTr = z(changeTr, lineChangeStandardError(sigmaTr, lateWindow));
      zVa = z(changeVa, lineChangeStandardError(sigmaVa, lateWindow));
      relImpTr = startTr > 0 ? (startTr - endTr) / startTr : Double.NaN;
      relImpVa = startVa > 0 ? (startVa - minVa) / startVa : Double.NaN;
      gap = endTr > 0 ? (endVa - endTr) / endTr : Double.NaN;
      gapAtBest = sTr[smoothBest] > 0 ? (minVa - sTr[smoothBest]) / sTr[smoothBest] : Double.NaN;
      gl = Prechelt.generalizationLoss(sVa, n - 1);
      strip = Math.max(2, Math.min(Prechelt.STRIP_LENGTH, n / Prechelt.STRIP_LENGTH));
      progress = Prechelt.trainingProgress(tr, n - 1, strip);
      pq = Prechelt.progressQuotient(sVa, tr, n - 1, strip);
      up = Prechelt.upStrips(sVa, n - 1, strip);
      shareTr = startTr > minTr ? -changeTr / (startTr - minTr) : Double.NaN;
      shareVa = startVa > minVa ? -changeVa / (startVa - minVa) : Double.NaN;
      lateSlopeTr = levelTr > 0 ? changeTr / levelTr : Double.NaN;
      lateSlopeVa = levelVa > 0 ? changeVa / levelVa : Double.NaN;
      int after = n - 1 - best;
      if (after >= thresholds.minEpochsAfterBest()) {
        int m = n - best;
        double sigma = noiseRelVa * Math.abs(median(va, best, n));
        riseChange = theilSenSlope(va, best, n) * (m - 1);
        double trendZ = z(riseChange, lineChangeStandardError(sigma, m));
        // The group test: the last epochs, as a group, above the epochs around the best. The best
        // epoch is where the smoothed curve happens to be lowest, so the points right there are
        // biased low; comparing medians of groups instead of a line from one selected point keeps
        // that selection from passing for a rise on a flat, noisy curve.
        int h = Math.min(lateWindow, after);
        int lo = Math.max(0, best - BEST_EPOCH_RADIUS);
        int hi = Math.min(n - h, best + BEST_EPOCH_RADIUS + 1);
        double bottom = median(va, lo, hi);
        double top = median(va, n - h, n);
        double se = MEDIAN_SE_FACTOR * sigma * Math.sqrt(1.0 / h + 1.0 / (hi - lo));
        double groupZ = z(top - bottom, se);
        riseZ = Math.min(trendZ, groupZ);
      } else {
        riseChange = Double.NaN;
        riseZ = Double.NaN;
      }
      resolution = 2 * MEDIAN_SE_FACTOR * noiseRelVa / Math.sqrt(lateWindow);
    }

    Measures measures() {
      return new Measures(n, va[best], tr[n - 1], va[n - 1], gap, gapAtBest, gl, progress, pq, strip, up,
          relImpTr, relImpVa, lateSlopeTr, lateSlopeVa, zTr, zVa, riseZ, lateWindow, noiseRelVa, chance);
    }

    Diagnosis decide() {
      Diagnosis d = exploding();
      if (d == null) {
        d = trainingRising();
      }
      if (d == null && nearChance()) {
        d = highTrainingLoss();
      }
      if (d == null) {
        d = validationRising();
      }
      if (d == null) {
        d = highTrainingLoss();
      }
      if (d == null) {
        d = tooNoisy();
      }
      if (d == null) {
        d = stillImproving();
      }
      if (d == null) {
        d = generalizationGap();
      }
      if (d == null) {
        d = unconfirmedRise();
      }
      return d != null ? d : healthy();
    }

    // --- DIVERGING -------------------------------------------------------------------------------

    Diagnosis exploding() {
      double[] m3 = Smoothing.runningMedian3(tr);
      double s = m3[0];
      double e = m3[n - 1];
      int iMin = argMin(m3, 0, n);
      double mn = m3[iMin];
      if (!(mn > 0)) {
        return null;
      }
      boolean overStart = e >= thresholds.explosionOverStart() * s;
      boolean overMin = e >= thresholds.explosionOverMin() * mn
          && (e - mn) >= thresholds.explosionGiveBack() * (s - mn);
      if (!overStart && !overMin) {
        return null;
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT,
          "training loss exploded: it ends at %s, %.1f times its minimum %s (epoch %d) and %.1f times its start %s",
          fmt(e), e / mn, fmt(mn), epoch(iMin), e / s, fmt(s)));
      double strength = Math.max(e / (thresholds.explosionOverStart() * s), e / (thresholds.explosionOverMin() * mn));
      return diagnosis(Cause.EXPLODING_LOSS, OptionalInt.empty(), strength(strength), reasons, divergingAdvice());
    }

    Diagnosis trainingRising() {
      double rise = thresholds.trainingRise();
      boolean significant = zTr >= thresholds.significance();
      boolean aboveMin = endTr >= (1 + rise) * minTr && minTr > 0;
      boolean gaveBack = startTr <= minTr || (endTr - minTr) >= rise * (startTr - minTr);
      if (!(significant && aboveMin && gaveBack)) {
        return null;
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT,
          "training loss is rising: %+.1f%% over the last %d epochs (%.1f standard errors), now %.0f%% above its minimum %s",
          100 * lateSlopeTr, lateWindow, zTr, 100 * (endTr / minTr - 1), fmt(minTr)));
      reasons.add("gradient descent whose training loss climbs is overshooting; a validation rise on top of it is not overfitting");
      double conf = Math.min(strength(zTr / thresholds.significance()), strength(endTr / ((1 + rise) * minTr)));
      return diagnosis(Cause.TRAINING_LOSS_RISING, OptionalInt.empty(), conf, reasons, divergingAdvice());
    }

    List<String> divergingAdvice() {
      List<String> a = new ArrayList<>();
      a.add("Lower the learning rate (try 3 to 10 times smaller), or decay it.");
      a.add("Clip gradients (e.g. to a global norm of 1) and consider a learning-rate warm-up.");
      a.add("Check the data pipeline for unnormalised features or corrupt batches.");
      a.add("Restore the weights of epoch " + epoch(best) + " (best validation loss " + fmt(va[best]) + ").");
      return a;
    }

    // --- OVERFITTING ----------------------------------------------------------------------------

    Diagnosis validationRising() {
      int after = n - 1 - best;
      if (after < thresholds.minEpochsAfterBest() || !(gl >= thresholds.generalizationLoss())
          || !(riseZ >= thresholds.significance())) {
        return null;
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT,
          "validation loss was lowest at epoch %d (%s) and has risen since: the smoothed curve ends %.1f%% above its best (Prechelt's GL = %.1f ≥ %s)",
          epoch(best), fmt(va[best]), gl, gl, num(thresholds.generalizationLoss())));
      reasons.add(String.format(Locale.ROOT,
          "the rise is real, not noise: over the %d epochs since, both its robust (Theil–Sen) trend and the median of the last epochs against the median around the best are at least %.1f standard errors%s",
          after, riseZ, up >= 2 ? String.format(Locale.ROOT, ", and it rose at the end of %d successive %d-epoch strips (UP_%d)", up, strip, up) : ""));
      reasons.add(trainingTrendSentence());
      if (gap > gapAtBest) {
        reasons.add(String.format(Locale.ROOT, "the generalization gap widened from %.2f to %.2f of the training loss",
            gapAtBest, gap));
      }
      double conf = Math.min(strength(gl / thresholds.generalizationLoss()), strength(riseZ / thresholds.significance()));
      List<String> advice = new ArrayList<>();
      advice.add("Stop early: restore the weights of epoch " + epoch(best) + " (validation loss " + fmt(va[best])
          + "), or train again with early stopping on validation loss.");
      advice.add("Regularise: add weight decay, dropout, or data augmentation.");
      advice.add("Get more training data if you can.");
      advice.add("Try a smaller model.");
      return diagnosis(Cause.VALIDATION_RISING, OptionalInt.of(epoch(best)), conf, reasons, advice);
    }

    Diagnosis generalizationGap() {
      if (!(gap >= thresholds.gapRatio()) || !(endVa - endTr >= thresholds.gapOverStart() * gapScale())) {
        return null;
      }
      int onset = n - 1;
      while (onset > 0 && gapAt(onset - 1) >= thresholds.gapRatio()) {
        onset--;
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT,
          "validation loss has flattened at %s, %.1f times the %straining loss %s (gap ratio %.2f ≥ %s)",
          fmt(endVa), endVa / endTr, evalMode ? "eval-mode " : "", fmt(endTr), gap, num(thresholds.gapRatio())));
      reasons.add("the gap ratio has stayed above " + num(thresholds.gapRatio()) + " since epoch " + epoch(onset)
          + ": the model fits the data it trained on far better than unseen data");
      reasons.add(trainingTrendSentence());
      List<String> advice = new ArrayList<>();
      advice.add("Regularise: add weight decay, dropout, or data augmentation.");
      advice.add("Get more training data if you can, or try a smaller model.");
      if (n - 1 - best >= thresholds.minEpochsAfterBest()) {
        advice.add("Validation stopped improving around epoch " + epoch(best)
            + ": training past it buys nothing, so early stopping there is free.");
      } else {
        advice.add("Validation is still at its best, so training longer will not close the gap; "
            + "what the model learns from here on it learns about the training set.");
      }
      return diagnosis(Cause.GENERALIZATION_GAP, OptionalInt.of(epoch(onset)), strength(gap / thresholds.gapRatio()),
          reasons, advice);
    }

    /**
     * The loss scale a gap is judged against: chance level when the class count is known (the
     * loss of a model that learned nothing), or the first smoothed validation loss if higher;
     * without a class count, the first smoothed validation loss.
     */
    double gapScale() {
      return Double.isNaN(chance) ? startVa : Math.max(chance, startVa);
    }

    double gapAt(int i) {
      return sTr[i] > 0 ? (sVa[i] - sTr[i]) / sTr[i] : Double.NaN;
    }

    // --- UNDERFITTING ---------------------------------------------------------------------------

    boolean nearChance() {
      return !Double.isNaN(chance) && endTr >= thresholds.chanceFraction() * chance;
    }

    Diagnosis highTrainingLoss() {
      boolean known = !Double.isNaN(chance);
      boolean nearChance = nearChance();
      boolean little = relImpTr < thresholds.minRelativeImprovement() && (!known || endTr >= 0.5 * chance);
      if (!nearChance && !little) {
        return null;
      }
      List<String> reasons = new ArrayList<>();
      double conf;
      if (nearChance) {
        reasons.add(String.format(Locale.ROOT,
            "training loss ends at %s, %.0f%% of chance level ln %d = %s: the model has barely learned even its training data",
            fmt(endTr), 100 * endTr / chance, c.classes().getAsInt(), fmt(chance)));
        conf = strength(endTr / (thresholds.chanceFraction() * chance));
      } else {
        reasons.add(String.format(Locale.ROOT,
            "training loss improved only %.1f%% from its first epoch (%s to %s; less than %.0f%%): the model learned little",
            100 * relImpTr, fmt(startTr), fmt(endTr), 100 * thresholds.minRelativeImprovement()));
        conf = strength(thresholds.minRelativeImprovement() / Math.max(relImpTr, 0.01));
      }
      boolean falling = zTr <= -thresholds.significance() && shareTr >= thresholds.stillImprovingShare();
      List<String> advice = new ArrayList<>();
      if (falling) {
        reasons.add(String.format(Locale.ROOT,
            "but it is still falling: %.1f%% over the last %d epochs (%.1f standard errors)",
            100 * lateSlopeTr, lateWindow, zTr));
        advice.add("Train longer: the training loss is still falling.");
        advice.add("Raise the learning rate (or use a schedule with a higher peak): progress is slow.");
        advice.add("If it then plateaus high, use a larger model.");
        return diagnosis(Cause.STILL_IMPROVING, OptionalInt.empty(), conf, reasons, advice);
      }
      reasons.add(String.format(Locale.ROOT, "and it has plateaued: %+.1f%% over the last %d epochs",
          100 * lateSlopeTr, lateWindow));
      advice.add("Use a larger model (more or wider layers) or better features.");
      advice.add("Reduce regularisation (dropout, weight decay) if there is any.");
      advice.add("Try a different learning rate: too low stalls, too high bounces.");
      if (nearChance) {
        advice.add("A loss stuck at chance can also mean a bug: check that labels match inputs and that inputs are normalised.");
      }
      return diagnosis(Cause.CAPACITY, OptionalInt.empty(), conf, reasons, advice);
    }

    Diagnosis stillImproving() {
      if (!(zVa <= -thresholds.significance() && shareVa >= thresholds.stillImprovingShare() && changeTr < 0)) {
        return null;
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(String.format(Locale.ROOT,
          "validation loss was still falling when training stopped: %.1f%% over the last %d epochs (%.1f standard errors), %.0f%% of its total improvement",
          100 * lateSlopeVa, lateWindow, zVa, 100 * shareVa));
      reasons.add(String.format(Locale.ROOT, "training loss too: %.1f%% over the same epochs", 100 * lateSlopeTr));
      reasons.add("an under-trained model is underfitting: it does not yet fit as well as it could");
      List<String> advice = new ArrayList<>();
      advice.add("Train longer: both losses were still falling at epoch " + epoch(n - 1) + ".");
      advice.add("Raise the learning rate, or use a schedule (warm-up then decay), to get there faster.");
      advice.add("Keep early stopping on validation loss so the longer run stops itself.");
      double conf = Math.min(strength(-zVa / thresholds.significance()), strength(shareVa / thresholds.stillImprovingShare()));
      return diagnosis(Cause.STILL_IMPROVING, OptionalInt.empty(), conf, reasons, advice);
    }

    // --- INCONCLUSIVE / HEALTHY -----------------------------------------------------------------

    Diagnosis unconfirmedRise() {
      int after = n - 1 - best;
      boolean recent = after < thresholds.minEpochsAfterBest();
      if (!(gl >= thresholds.generalizationLoss()) || !(recent || riseZ >= SUGGESTIVE_RISE)) {
        return null;
      }
      String why = after < thresholds.minEpochsAfterBest()
          ? "but only over the last " + after + (after == 1 ? " epoch" : " epochs") + "; overfitting needs "
              + thresholds.minEpochsAfterBest()
          : String.format(Locale.ROOT, "but the rise is only %.1f standard errors, within the noise", riseZ);
      List<String> reasons = List.of(String.format(Locale.ROOT,
          "validation loss is %.1f%% above its best (epoch %d, %s), %s", gl, epoch(best), fmt(va[best]), why));
      List<String> advice = List.of(
          "Train a few more epochs and look again: the rise may be the start of overfitting or a wobble.",
          "Keep the weights of epoch " + epoch(best) + " (best validation loss so far).");
      return diagnosis(Cause.RISE_NOT_CONFIRMED, OptionalInt.empty(), 0.5, reasons, advice);
    }

    Diagnosis tooNoisy() {
      if (!(resolution > thresholds.resolution())) {
        return null;
      }
      List<String> reasons = List.of(String.format(Locale.ROOT,
          "validation loss is too noisy to read: its epoch-to-epoch noise is %.0f%% of its level, so over the last %d epochs a rise of %.0f%% could hide in it",
          100 * noiseRelVa, lateWindow, 100 * resolution));
      List<String> advice = List.of(
          "Use a larger validation set, or evaluate on all of it every epoch rather than on a few batches.",
          "Log per-epoch means rather than single-batch values.",
          "If the training loss is noisy too, lower the learning rate or raise the batch size.");
      return diagnosis(Cause.TOO_NOISY, OptionalInt.empty(), strength(resolution / thresholds.resolution()), reasons,
          advice);
    }

    Diagnosis healthy() {
      List<String> reasons = new ArrayList<>();
      if (gl < thresholds.generalizationLoss()) {
        reasons.add(String.format(Locale.ROOT,
            "validation loss has converged near its best (epoch %d, %s): the smoothed curve ends %.1f%% above it (GL < %s) and moved %+.1f%% over the last %d epochs",
            epoch(best), fmt(va[best]), Math.max(gl, 0), num(thresholds.generalizationLoss()), 100 * lateSlopeVa, lateWindow));
      } else {
        reasons.add(String.format(Locale.ROOT,
            "validation loss has plateaued since epoch %d (%s): the smoothed curve ends %.1f%% above its lowest point, but with no trend since (%.1f standard errors) — that is noise in the lowest value, not a rise",
            epoch(best), fmt(va[best]), gl, riseZ));
      }
      if (gap >= thresholds.gapRatio()) {
        reasons.add(String.format(Locale.ROOT,
            "the generalization gap is small in absolute terms: validation (%s) is %.1f times the %straining loss (%s), but the difference is %.1f%% of the loss scale %s (chance level, or the starting validation loss; under %.0f%%)",
            fmt(endVa), endVa / endTr, evalMode ? "eval-mode " : "", fmt(endTr),
            100 * (endVa - endTr) / gapScale(), fmt(gapScale()), 100 * thresholds.gapOverStart()));
      } else {
        reasons.add(String.format(Locale.ROOT, "the generalization gap is small: validation is %+.0f%% of the %straining loss (under %.0f%%)",
            100 * gap, evalMode ? "eval-mode " : "", 100 * thresholds.gapRatio()));
      }
      if (!Double.isNaN(chance)) {
        reasons.add(String.format(Locale.ROOT, "training loss %s is well below chance level ln %d = %s",
            fmt(endTr), c.classes().getAsInt(), fmt(chance)));
      } else {
        reasons.add(String.format(Locale.ROOT, "training loss fell %.0f%% from its first epoch", 100 * relImpTr));
      }
      List<String> advice = new ArrayList<>();
      advice.add("Nothing urgent. Keep the weights of epoch " + epoch(best) + " (best validation loss " + fmt(va[best]) + ").");
      advice.add("To improve further, try a larger model with regularisation, or more data.");
      double flat = gl < thresholds.generalizationLoss()
          ? thresholds.generalizationLoss() / Math.max(gl, 0.5)
          : SUGGESTIVE_RISE / Math.max(riseZ, 0.1);
      double conf = Math.min(Math.min(strength(flat), strength(thresholds.gapRatio() / Math.max(gap, 0.05))),
          strength(thresholds.resolution() / Math.max(resolution, 1e-3)));
      return diagnosis(Cause.CONVERGED, OptionalInt.empty(), conf, reasons, advice);
    }

    String trainingTrendSentence() {
      if (changeTr < 0) {
        return String.format(Locale.ROOT, "while the %straining loss kept falling (%.1f%% over the last %d epochs)",
            evalMode ? "eval-mode " : "", 100 * lateSlopeTr, lateWindow);
      }
      return String.format(Locale.ROOT, "while the %straining loss stayed flat near %s", evalMode ? "eval-mode " : "",
          fmt(endTr));
    }

    Diagnosis diagnosis(Cause cause, OptionalInt onset, double confidence, List<String> reasons, List<String> advice) {
      return new Diagnosis(cause.verdict(), cause, OptionalInt.of(epoch(best)), onset, measures(), confidence, reasons,
          advice);
    }

    int epoch(int index) {
      return c.epochs().get(index);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /**
   * Maps "the evidence is {@code ratio} times its threshold" to a confidence: 0.5 at the threshold,
   * 0.75 at twice it, approaching (and capped at) 0.99 far past it.
   */
  static double strength(double ratio) {
    if (Double.isNaN(ratio)) {
      return 0.5;
    }
    if (ratio <= 1) {
      return 0.5;
    }
    return Math.min(0.99, 1 - 0.5 / ratio);
  }

  /**
   * The relative noise of a series around its smoothed level, floored at {@link #NOISE_FLOOR};
   * for a series with a non-positive level, its absolute noise over its median magnitude.
   */
  private static double relativeNoise(double[] raw, double[] smooth) {
    double rel = relativeNoiseSigma(raw, smooth);
    if (Double.isNaN(rel)) {
      double scale = Math.abs(median(raw, 0, raw.length));
      rel = scale > 0 ? noiseSigma(raw, 0, raw.length) / scale : Double.NaN;
    }
    return Double.isNaN(rel) ? NOISE_FLOOR : Math.max(rel, NOISE_FLOOR);
  }

  private static double z(double change, double se) {
    if (Double.isNaN(change) || Double.isNaN(se)) {
      return Double.NaN;
    }
    if (se == 0) {
      return change == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, change);
    }
    return change / se;
  }

  private static int firstNonFinite(double[] a, double[] b, double[] c) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i]) || !Double.isFinite(b[i]) || (c != null && !Double.isFinite(c[i]))) {
        return i;
      }
    }
    return -1;
  }

  private static OptionalInt epochAt(LearningCurves c, int index) {
    return index >= 0 ? OptionalInt.of(c.epochs().get(index)) : OptionalInt.empty();
  }

  private static double[] toArray(List<Double> list) {
    double[] a = new double[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return a;
  }

  /** A threshold for people: {@code 5} rather than {@code 5.000}. */
  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Infinity" : "-Infinity";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
