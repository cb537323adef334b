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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Reads {@link LearningCurves} and decides a {@link Diagnosis} under a set of {@link Thresholds}.
 * Stateless apart from its thresholds; thread-safe.
 *
 * <p>The decision is the list {@link #rules}: named rules tried in order, the first that holds
 * deciding. The README's rule table gives each rule with the reason for each threshold; {@link
 * #explain(LearningCurves)} says which rule decided a run.
 */
public final class Diagnostician {

  /**
   * Relative noise estimates are floored at this value, so a curve printed with a few
   * decimals, or synthesised without noise, does not make every tiny change "significant": a
   * change of one part in ten thousand is never evidence.
   */
  static final double NOISE_FLOOR = 1e-4;

  /**
   * A rise past the clear-rise threshold whose group test is less than this many standard errors
   * is taken for noise; between this and {@link Thresholds#significance()} the verdict is "not
   * yet confirmed".
   */
  static final double SUGGESTIVE_RISE = 1.0;

  /**
   * Prechelt's GL, in percent, for a moderate rise: with the training loss still falling
   * significantly, a validation loss whose late epochs sit significantly (by the group test) and
   * at least this much above the epochs around its best is overfitting — Prechelt's signature of
   * validation going up while training goes down, at the smallest GL he studied that is not a
   * rounding error (GL_2).
   */
  static final double MODERATE_RISE = 2.0;

  /**
   * "Orders of magnitude": a factor of 100. A training loss 100 times chance level ({@code ln K})
   * is not a hard task but a blown-up model: even a model that is always confidently wrong rarely
   * reaches 20 times chance. A negative loss whose magnitude grew 100-fold is running off to minus
   * infinity, not converging.
   */
  static final double ORDERS = 100;

  /**
   * A loss this large has overflowed whatever the task: float32 ends at 3.4e38, and a mean loss
   * within eight orders of magnitude of it has lost every digit that could say anything.
   */
  static final double OVERFLOW = 1e30;

  /**
   * A chance level is inferred from the log only when the validation loss (median over the run)
   * is within this fraction of {@code ln K} and the validation accuracy (median) within it of
   * {@code 1/K}, for the K the accuracy implies: two independent readings of "no better than
   * guessing" agreeing.
   */
  static final double CHANCE_AGREEMENT = 0.10;

  /**
   * A validation loss that falls, in relative terms, at less than this fraction of the training
   * loss's late rate has stopped keeping pace: what the model learns now it learns about the
   * training set. Half: at equal pace the gap would stay proportional.
   */
  static final double PACE = 0.5;

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

  /** One rule of the decision: its name, as in the README's table, and its test. */
  private record Rule(String name, Function<Facts, Optional<Diagnosis>> test) {}

  private final Thresholds thresholds;

  /** The rules, in the order they are tried; the last always holds. */
  private final List<Rule> rules = List.of(
      new Rule("non-finite loss", this::nonFiniteLoss),
      new Rule("too few epochs", this::tooFewEpochs),
      new Rule("overflowed loss", this::overflowedLoss),
      new Rule("unbounded loss", this::unboundedLoss),
      new Rule("exploding loss", this::explodingLoss),
      new Rule("training loss rising", this::trainingLossRising),
      new Rule("near chance", this::nearChance),
      new Rule("little learned", this::littleLearned),
      new Rule("validation rising", this::validationRising),
      new Rule("generalization gap", this::generalizationGap),
      new Rule("too noisy", this::tooNoisy),
      new Rule("still improving", this::stillImproving),
      new Rule("rise not confirmed", this::riseNotConfirmed),
      new Rule("converged", this::converged));

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

  /** The names of the rules, in the order they are tried. */
  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /** Diagnoses the curves; never throws for well-formed curves, whatever their values. */
  public Diagnosis diagnose(LearningCurves curves) {
    return explain(curves).diagnosis();
  }

  /** Diagnoses the curves and says which rule decided. */
  public Explanation explain(LearningCurves curves) {
    Objects.requireNonNull(curves, "curves");
    Facts facts = new Facts(curves);
    List<String> notHolding = new ArrayList<>();
    for (Rule rule : rules) {
      Optional<Diagnosis> d = rule.test().apply(facts);
      if (d.isPresent()) {
        return new Explanation(d.get(), rule.name(), notHolding);
      }
      notHolding.add(rule.name());
    }
    throw new AssertionError("the last rule always holds");
  }

  // ---------------------------------------------------------------------------------------------
  // The rules, in order.

  /** DIVERGING: any training, eval-mode training or validation loss is NaN or infinite. */
  private Optional<Diagnosis> nonFiniteLoss(Facts f) {
    if (f.firstNonFinite < 0) {
      return Optional.empty();
    }
    int bad = f.firstNonFinite;
    String which = !Double.isFinite(f.rawTrain[bad]) ? "training loss is " + fmt(f.rawTrain[bad])
        : !Double.isFinite(f.va[bad]) ? "validation loss is " + fmt(f.va[bad])
        : "eval-mode training loss is " + fmt(f.tr[bad]);
    int best = bad > 0 ? argMin(f.va, 0, bad) : -1;
    List<String> reasons = new ArrayList<>();
    reasons.add("at epoch " + f.epoch(bad) + " the " + which
        + ": the weights are no longer numbers, and nothing after this point can be trusted");
    List<String> advice = new ArrayList<>();
    advice.add("Lower the learning rate (try 10 times smaller) or add a warm-up.");
    advice.add("Clip gradients (e.g. to a global norm of 1).");
    advice.add("Check the inputs and labels for NaN or infinity, and normalise the features.");
    advice.add("Check the loss for log(0) or a division by zero (use the fused softmax cross-entropy on logits).");
    if (best >= 0) {
      advice.add("The last sound weights are from before epoch " + f.epoch(bad)
          + "; the best of them by validation loss are from epoch " + f.epoch(best) + ".");
    }
    Measures m = Measures.minimal(f.n, best >= 0 ? f.va[best] : Double.NaN, f.tr[f.n - 1], f.va[f.n - 1], f.chance);
    return Optional.of(new Diagnosis(Verdict.DIVERGING, Cause.NON_FINITE_LOSS,
        best >= 0 ? OptionalInt.of(f.epoch(best)) : OptionalInt.empty(), OptionalInt.empty(), m, 0.99, reasons,
        advice));
  }

  /** INCONCLUSIVE: fewer than {@link Thresholds#minEpochs()} epochs. */
  private Optional<Diagnosis> tooFewEpochs(Facts f) {
    if (f.n >= thresholds.minEpochs()) {
      return Optional.empty();
    }
    int best = argMin(f.va, 0, f.n);
    Measures m = Measures.minimal(f.n, f.va[best], f.tr[f.n - 1], f.va[f.n - 1], f.chance);
    return Optional.of(new Diagnosis(Verdict.INCONCLUSIVE, Cause.TOO_FEW_EPOCHS, OptionalInt.of(f.epoch(best)),
        OptionalInt.empty(), m, 0.99,
        List.of("only " + f.n + (f.n == 1 ? " epoch" : " epochs") + " recorded; the rules need at least "
            + thresholds.minEpochs() + " to tell a trend from noise"),
        List.of("Train for at least " + thresholds.minEpochs()
            + " epochs (better 20 or more) before reading the curves.")));
  }

  /**
   * DIVERGING (exploding): the late training loss is {@link #ORDERS} times chance level, or a loss
   * of any epoch is beyond {@link #OVERFLOW} in magnitude.
   */
  private Optional<Diagnosis> overflowedLoss(Facts f) {
    double late = median(f.tr, f.lateFrom, f.n);
    boolean overChance = !Double.isNaN(f.chance) && late >= ORDERS * f.chance;
    int overflowAt = firstBeyond(f.tr, f.va, OVERFLOW);
    boolean overflow = overflowAt >= 0;
    if (!overChance && !overflow) {
      return Optional.empty();
    }
    String reason = overChance
        ? String.format(Locale.ROOT,
            "training loss is %s over the last %d epochs, %s times chance level ln %d = %s: a model that learned nothing "
                + "scores chance, so this one has blown up", fmt(late), f.lateWindow, fmt(late / f.chance), f.classes,
            fmt(f.chance))
        : "the losses are astronomically large (epoch " + f.epoch(overflowAt) + ": training " + fmt(f.tr[overflowAt])
            + ", validation " + fmt(f.va[overflowAt]) + "): the weights have overflowed";
    List<String> advice = new ArrayList<>();
    advice.add("The learning rate is far too high: lower it by orders of magnitude (1e-3 is a common start for Adam).");
    advice.add("Clip gradients (e.g. to a global norm of 1) and normalise the inputs.");
    return Optional.of(f.diagnosis(Cause.EXPLODING_LOSS, OptionalInt.empty(), 0.99, List.of(reason), advice));
  }

  /**
   * DIVERGING (unbounded): a loss ends negative, {@link #ORDERS} times its first magnitude, and is
   * still falling significantly. Cross-entropy and squared errors are never negative; one that
   * runs off this way is being fed targets outside the range it expects.
   */
  private Optional<Diagnosis> unboundedLoss(Facts f) {
    boolean train = f.endTr < 0 && Math.abs(f.endTr) >= ORDERS * Math.abs(f.startTr)
        && f.zTr <= -thresholds.significance();
    boolean val = f.endVa < 0 && Math.abs(f.endVa) >= ORDERS * Math.abs(f.startVa)
        && f.zVa <= -thresholds.significance();
    if (!train && !val) {
      return Optional.empty();
    }
    String which = train ? "training" : "validation";
    double start = train ? f.startTr : f.startVa;
    double end = train ? f.endTr : f.endVa;
    List<String> reasons = List.of(
        String.format(Locale.ROOT, "the %s loss is negative and still falling: from %s to %s, %s times its first magnitude",
            which, fmt(start), fmt(end), fmt(Math.abs(end / start))),
        "cross-entropy and squared errors are never negative: a loss that runs off to minus infinity is unbounded, "
            + "and the weights run off with it");
    List<String> advice = List.of(
        "Check the targets: binary cross-entropy needs targets in [0, 1], cross-entropy class indices below K.",
        "Check that the loss matches the output layer (sigmoid for binary cross-entropy, logits for softmax cross-entropy).");
    return Optional.of(f.diagnosis(Cause.UNBOUNDED_LOSS, OptionalInt.empty(), 0.99, reasons, advice));
  }

  /** DIVERGING (exploding): the training loss ends far above its start or its minimum. */
  private Optional<Diagnosis> explodingLoss(Facts f) {
    double[] m3 = Smoothing.runningMedian3(f.tr);
    double s = m3[0];
    double e = m3[f.n - 1];
    int iMin = argMin(m3, 0, f.n);
    double mn = m3[iMin];
    if (!(mn > 0)) {
      return Optional.empty();
    }
    boolean overStart = e >= thresholds.explosionOverStart() * s;
    boolean overMin = e >= thresholds.explosionOverMin() * mn
        && (e - mn) >= thresholds.explosionGiveBack() * (s - mn);
    if (!overStart && !overMin) {
      return Optional.empty();
    }
    List<String> reasons = List.of(String.format(Locale.ROOT,
        "training loss exploded: it ends at %s, %s times its minimum %s (epoch %d) and %s times its start %s",
        fmt(e), fmt(e / mn), fmt(mn), f.epoch(iMin), fmt(e / s), fmt(s)));
    double strength = Math.max(e / (thresholds.explosionOverStart() * s), e / (thresholds.explosionOverMin() * mn));
    return Optional.of(f.diagnosis(Cause.EXPLODING_LOSS, OptionalInt.empty(), strength(strength), reasons,
        divergingAdvice(f)));
  }

  /** DIVERGING: the training loss climbs back significantly, giving back a share of its gain. */
  private Optional<Diagnosis> trainingLossRising(Facts f) {
    double rise = thresholds.trainingRise();
    boolean significant = f.zTr >= thresholds.significance();
    boolean aboveMin = f.endTr >= (1 + rise) * f.minTr && f.minTr > 0;
    boolean gaveBack = f.startTr <= f.minTr || (f.endTr - f.minTr) >= rise * (f.startTr - f.minTr);
    if (!(significant && aboveMin && gaveBack)) {
      return Optional.empty();
    }
    List<String> reasons = List.of(String.format(Locale.ROOT,
            "training loss is rising: %s over the last %d epochs (%s standard errors), now %s above its minimum %s",
            signedPercent(f.lateSlopeTr), f.lateWindow, sigmas(f.zTr), percent(f.endTr / f.minTr - 1), fmt(f.minTr)),
        "gradient descent whose training loss climbs is overshooting; a validation rise on top of it is not overfitting");
    double conf = Math.min(strength(f.zTr / thresholds.significance()), strength(f.endTr / ((1 + rise) * f.minTr)));
    return Optional.of(f.diagnosis(Cause.TRAINING_LOSS_RISING, OptionalInt.empty(), conf, reasons,
        divergingAdvice(f)));
  }

  private static List<String> divergingAdvice(Facts f) {
    List<String> a = new ArrayList<>();
    a.add("Lower the learning rate (try 3 to 10 times smaller), or decay it.");
    a.add("Clip gradients (e.g. to a global norm of 1) and consider a learning-rate warm-up.");
    a.add("Check the data pipeline for unnormalised features or corrupt batches.");
    a.add("Restore the weights of epoch " + f.epoch(f.best) + " (best validation loss " + fmt(f.va[f.best]) + ").");
    return a;
  }

  /**
   * UNDERFITTING: K is known (or inferred) and the training loss is at least {@link
   * Thresholds#chanceFraction()} of {@code ln K}. Before overfitting: a model that has not fitted
   * its training data is not overfitting it.
   */
  private Optional<Diagnosis> nearChance(Facts f) {
    if (Double.isNaN(f.chance) || !(f.endTr >= thresholds.chanceFraction() * f.chance)) {
      return Optional.empty();
    }
    String reason = String.format(Locale.ROOT,
        "training loss ends at %s, %s of chance level ln %d = %s: the model has barely learned even its training data",
        fmt(f.endTr), percent(f.endTr / f.chance), f.classes, fmt(f.chance));
    if (f.inferredClasses > 0) {
      reason += String.format(Locale.ROOT,
          " (K = %d inferred: the validation loss sits at ln %d and the validation accuracy, %s, at 1/%d)",
          f.classes, f.classes, percent(f.valAccuracyMedian), f.classes);
    }
    return Optional.of(underfitting(f, reason, strength(f.endTr / (thresholds.chanceFraction() * f.chance)), true));
  }

  /**
   * OVERFITTING (validation rising): the validation minimum lies at least {@link
   * Thresholds#minEpochsAfterBest()} epochs before the end, the late epochs sit significantly above
   * the epochs around it (the group test), and either the rise is clear on its own (GL at least
   * {@link Thresholds#generalizationLoss()}) or it is moderate (GL at least {@link #MODERATE_RISE})
   * while the training loss still falls significantly.
   */
  private Optional<Diagnosis> validationRising(Facts f) {
    int after = f.n - 1 - f.best;
    if (after < thresholds.minEpochsAfterBest() || !(f.riseZ >= thresholds.significance())) {
      return Optional.empty();
    }
    // Where validation never came down clearly, its minimum is wherever the noise put it, and the
    // epochs around it are low by selection: then the trend since the best must be significant too.
    boolean descended = f.progressOverNoise >= thresholds.significance();
    if (!descended && !(f.riseTrendZ >= thresholds.significance())) {
      return Optional.empty();
    }
    boolean clear = f.gl >= thresholds.generalizationLoss();
    boolean trainingFalls = f.zTr <= -thresholds.significance();
    boolean moderate = f.gl >= MODERATE_RISE && trainingFalls;
    if (!clear && !moderate) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    reasons.add(String.format(Locale.ROOT,
        "validation loss was lowest at epoch %d (%s) and has risen since: the smoothed curve ends %s above its best "
            + "(Prechelt's GL = %s ≥ %s%s)",
        f.epoch(f.best), fmt(f.va[f.best]), percent(f.gl / 100), fmt(f.gl),
        num(clear ? thresholds.generalizationLoss() : MODERATE_RISE), clear ? "" : ", with the training loss still falling"));
    reasons.add(String.format(Locale.ROOT,
        "the rise is real, not noise: over the %d epochs since, the median of the last epochs is %.1f standard errors "
            + "above the median around the best%s",
        after, f.riseZ, f.up >= 2 ? String.format(Locale.ROOT,
            ", and it rose at the end of %d successive %d-epoch strips (UP_%d)", f.up, f.strip, f.up) : ""));
    reasons.add(f.trainingTrendSentence());
    if (f.gap > f.gapAtBest) {
      reasons.add(String.format(Locale.ROOT, "the generalization gap widened from %.2f to %.2f of the training loss",
          f.gapAtBest, f.gap));
    }
    double conf = Math.min(strength(f.gl / (clear ? thresholds.generalizationLoss() : MODERATE_RISE)),
        strength(f.riseZ / thresholds.significance()));
    List<String> advice = new ArrayList<>();
    advice.add("Stop early: restore the weights of epoch " + f.epoch(f.best) + " (validation loss " + fmt(f.va[f.best])
        + "), or train again with early stopping on validation loss.");
    advice.add("Regularise: add weight decay, dropout, or data augmentation.");
    advice.add("Get more training data if you can.");
    advice.add("Try a smaller model.");
    return Optional.of(f.diagnosis(Cause.VALIDATION_RISING, OptionalInt.of(f.epoch(f.best)), conf, reasons, advice));
  }

  /**
   * UNDERFITTING: the training loss improved by less than {@link
   * Thresholds#minRelativeImprovement()}, and so did the validation loss from its start to the
   * median of its late window (a model that learned nothing improves on neither; one whose
   * validation loss came down has learned something that generalises; the late median, not the
   * minimum, so that noise cannot pass for progress), and, when K is known, the training loss is
   * above half of {@code ln K}. Before overfitting, like the chance rule: a model that has not
   * fitted its training data is not overfitting it, whatever its validation loss does.
   */
  private Optional<Diagnosis> littleLearned(Facts f) {
    double least = thresholds.minRelativeImprovement();
    boolean trainLittle = f.relImpTr < least;
    boolean valLittle = !(f.relImpVaToLate >= least);
    boolean aboveHalfChance = Double.isNaN(f.chance) || f.endTr >= 0.5 * f.chance;
    if (!(trainLittle && valLittle && aboveHalfChance)) {
      return Optional.empty();
    }
    String reason = String.format(Locale.ROOT,
        "training loss improved only %s from its first epoch (%s to %s), validation loss %s to its late level: the "
            + "model learned little", percent(f.relImpTr), fmt(f.startTr), fmt(f.endTr), percent(f.relImpVaToLate));
    return Optional.of(underfitting(f, reason, strength(least / Math.max(f.relImpTr, 0.01)), false));
  }

  private Diagnosis underfitting(Facts f, String reason, double conf, boolean nearChance) {
    List<String> reasons = new ArrayList<>();
    reasons.add(reason);
    boolean falling = f.zTr <= -thresholds.significance() && f.shareTr >= thresholds.stillImprovingShare();
    List<String> advice = new ArrayList<>();
    if (falling) {
      reasons.add(String.format(Locale.ROOT, "but it is still falling: %s over the last %d epochs (%s standard errors)",
          signedPercent(f.lateSlopeTr), f.lateWindow, sigmas(f.zTr)));
      advice.add("Train longer: the training loss is still falling.");
      advice.add("Raise the learning rate (or use a schedule with a higher peak): progress is slow.");
      advice.add("If it then plateaus high, use a larger model.");
      return f.diagnosis(Cause.STILL_IMPROVING, OptionalInt.empty(), conf, reasons, advice);
    }
    reasons.add(String.format(Locale.ROOT, "and it has plateaued: %s over the last %d epochs",
        signedPercent(f.lateSlopeTr), f.lateWindow));
    advice.add("Use a larger model (more or wider layers) or better features.");
    advice.add("Reduce regularisation (dropout, weight decay) if there is any.");
    advice.add("Try a different learning rate: too low stalls, too high bounces.");
    if (nearChance) {
      advice.add("A loss stuck at chance can also mean a bug: check that labels match inputs and that inputs are normalised.");
    }
    return f.diagnosis(Cause.CAPACITY, OptionalInt.empty(), conf, reasons, advice);
  }

  /**
   * OVERFITTING (generalization gap): at the end the validation loss is at least twice the
   * training loss ({@link Thresholds#gapRatio()}), the gap is at least {@link
   * Thresholds#gapOverStart()} of the loss scale and larger than the validation noise could make
   * it, and the validation loss no longer keeps pace with the training loss ({@link #PACE}).
   */
  private Optional<Diagnosis> generalizationGap(Facts f) {
    boolean ratio = f.gap >= thresholds.gapRatio();
    boolean large = f.gapOverScale >= thresholds.gapOverStart();
    boolean beyondNoise = (f.endVa - f.endTr) / f.endVa >= f.resolution;
    boolean keepsPace = f.zVa <= -thresholds.significance() && f.lateSlopeVa <= PACE * f.lateSlopeTr;
    if (!(ratio && large && beyondNoise) || keepsPace) {
      return Optional.empty();
    }
    int onset = f.n - 1;
    while (onset > 0 && f.gapAt(onset - 1) >= thresholds.gapRatio()) {
      onset--;
    }
    List<String> reasons = new ArrayList<>();
    reasons.add(String.format(Locale.ROOT,
        "validation loss has flattened at %s, %s times the %straining loss %s (gap ratio %.2f ≥ %s), a gap of %s of the "
            + "loss scale %s", fmt(f.endVa), fmt(f.endVa / f.endTr), f.evalMode ? "eval-mode " : "", fmt(f.endTr), f.gap,
        num(thresholds.gapRatio()), percent(f.gapOverScale), fmt(f.lossScale)));
    reasons.add("the gap ratio has stayed above " + num(thresholds.gapRatio()) + " since epoch " + f.epoch(onset)
        + ": the model fits the data it trained on far better than unseen data");
    reasons.add(f.trainingTrendSentence());
    List<String> advice = new ArrayList<>();
    advice.add("Regularise: add weight decay, dropout, or data augmentation.");
    advice.add("Get more training data if you can, or try a smaller model.");
    if (f.n - 1 - f.best >= thresholds.minEpochsAfterBest()) {
      advice.add("Validation stopped improving around epoch " + f.epoch(f.best)
          + ": training past it buys nothing, so early stopping there is free.");
    } else {
      advice.add("Validation is still at its best, so training longer will not close the gap; "
          + "what the model learns from here on it learns about the training set.");
    }
    return Optional.of(f.diagnosis(Cause.GENERALIZATION_GAP, OptionalInt.of(f.epoch(onset)),
        strength(f.gap / thresholds.gapRatio()), reasons, advice));
  }

  /**
   * INCONCLUSIVE (too noisy): the validation noise could hide a rise of {@link
   * Thresholds#resolution()}, and the validation loss did not even come down clearly (by {@link
   * Thresholds#significance()} standard errors of its late level): neither convergence nor a rise
   * can be told. A noisy floor well below the start is read by the rules after this one.
   */
  private Optional<Diagnosis> tooNoisy(Facts f) {
    if (!(f.resolution > thresholds.resolution()) || f.progressOverNoise >= thresholds.significance()) {
      return Optional.empty();
    }
    List<String> reasons = List.of(String.format(Locale.ROOT,
        "validation loss is too noisy to read: its epoch-to-epoch noise is %s of its level, so over the last %d epochs "
            + "a rise of %s could hide in it, and it came down by only %s standard errors from its start",
        percent(f.noiseRelVa), f.lateWindow, percent(f.resolution), sigmas(f.progressOverNoise)));
    List<String> advice = List.of(
        "Use a larger validation set, or evaluate on all of it every epoch rather than on a few batches.",
        "Log per-epoch means rather than single-batch values.",
        "If the training loss is noisy too, lower the learning rate or raise the batch size.");
    return Optional.of(f.diagnosis(Cause.TOO_NOISY, OptionalInt.empty(),
        strength(f.resolution / thresholds.resolution()), reasons, advice));
  }

  /**
   * UNDERFITTING (still improving): the validation loss falls significantly over the late window
   * and that window made at least {@link Thresholds#stillImprovingShare()} of its total
   * improvement, while the training loss falls too.
   */
  private Optional<Diagnosis> stillImproving(Facts f) {
    if (!(f.zVa <= -thresholds.significance() && f.shareVa >= thresholds.stillImprovingShare() && f.changeTr < 0)) {
      return Optional.empty();
    }
    List<String> reasons = List.of(String.format(Locale.ROOT,
            "validation loss was still falling when training stopped: %s over the last %d epochs (%s standard errors), "
                + "%s of its total improvement", signedPercent(f.lateSlopeVa), f.lateWindow, sigmas(f.zVa), percent(f.shareVa)),
        String.format(Locale.ROOT, "training loss too: %s over the same epochs", signedPercent(f.lateSlopeTr)),
        "an under-trained model is underfitting: it does not yet fit as well as it could");
    List<String> advice = List.of(
        "Train longer: both losses were still falling at epoch " + f.epoch(f.n - 1) + ".",
        "Raise the learning rate, or use a schedule (warm-up then decay), to get there faster.",
        "Keep early stopping on validation loss so the longer run stops itself.");
    double conf = Math.min(strength(-f.zVa / thresholds.significance()),
        strength(f.shareVa / thresholds.stillImprovingShare()));
    return Optional.of(f.diagnosis(Cause.STILL_IMPROVING, OptionalInt.empty(), conf, reasons, advice));
  }

  /**
   * INCONCLUSIVE (rise not confirmed): GL is past {@link Thresholds#generalizationLoss()} but the
   * minimum is within the last {@link Thresholds#minEpochsAfterBest()} epochs, or the rise is only
   * between {@link #SUGGESTIVE_RISE} and {@link Thresholds#significance()} standard errors.
   */
  private Optional<Diagnosis> riseNotConfirmed(Facts f) {
    int after = f.n - 1 - f.best;
    boolean recent = after < thresholds.minEpochsAfterBest();
    if (!(f.gl >= thresholds.generalizationLoss()) || !(recent || f.riseZ >= SUGGESTIVE_RISE)) {
      return Optional.empty();
    }
    String why = recent
        ? "but only over the last " + after + (after == 1 ? " epoch" : " epochs") + "; overfitting needs "
            + thresholds.minEpochsAfterBest()
        : String.format(Locale.ROOT, "but the rise is only %s standard errors, within the noise", sigmas(f.riseZ));
    List<String> reasons = List.of(String.format(Locale.ROOT,
        "validation loss is %s above its best (epoch %d, %s), %s", percent(f.gl / 100), f.epoch(f.best), fmt(f.va[f.best]), why));
    List<String> advice = List.of(
        "Train a few more epochs and look again: the rise may be the start of overfitting or a wobble.",
        "Keep the weights of epoch " + f.epoch(f.best) + " (best validation loss so far).");
    return Optional.of(f.diagnosis(Cause.RISE_NOT_CONFIRMED, OptionalInt.empty(), 0.5, reasons, advice));
  }

  /** HEALTHY: none of the above; validation converged near its minimum, small gap, training learned. */
  private Optional<Diagnosis> converged(Facts f) {
    List<String> reasons = new ArrayList<>();
    if (!(f.gl >= thresholds.generalizationLoss())) {
      reasons.add(String.format(Locale.ROOT,
          "validation loss has converged near its best (epoch %d, %s): the smoothed curve ends %s above it "
              + "(GL < %s) and moved %s over the last %d epochs",
          f.epoch(f.best), fmt(f.va[f.best]), percent(Math.max(f.gl, 0) / 100), num(thresholds.generalizationLoss()),
          signedPercent(f.lateSlopeVa), f.lateWindow));
    } else {
      reasons.add(String.format(Locale.ROOT,
          "validation loss has plateaued since epoch %d (%s): the smoothed curve ends %s above its lowest point, "
              + "but with no rise since (%s standard errors): that is noise in the lowest value, not a rise",
          f.epoch(f.best), fmt(f.va[f.best]), percent(f.gl / 100), sigmas(f.riseZ)));
    }
    if (f.gap >= thresholds.gapRatio()) {
      reasons.add(String.format(Locale.ROOT,
          "the generalization gap is small in absolute terms: validation (%s) is %s times the %straining loss (%s), "
              + "but the difference is %s of the loss scale %s (under %s)",
          fmt(f.endVa), fmt(f.endVa / f.endTr), f.evalMode ? "eval-mode " : "", fmt(f.endTr),
          percent(f.gapOverScale), fmt(f.lossScale), percent(thresholds.gapOverStart())));
    } else {
      reasons.add(String.format(Locale.ROOT, "the generalization gap is small: validation is %s of the %straining loss "
          + "(under %s)", signedPercent(f.gap), f.evalMode ? "eval-mode " : "", percent(thresholds.gapRatio())));
    }
    if (!Double.isNaN(f.chance)) {
      reasons.add(String.format(Locale.ROOT, "training loss %s is well below chance level ln %d = %s",
          fmt(f.endTr), f.classes, fmt(f.chance)));
    } else {
      reasons.add(String.format(Locale.ROOT, "training loss fell %s from its first epoch", percent(f.relImpTr)));
    }
    if (f.resolution > thresholds.resolution()) {
      reasons.add(String.format(Locale.ROOT, "validation is noisy (%s per epoch), but its floor is %s standard errors "
          + "below where it started, with no rise", percent(f.noiseRelVa), sigmas(f.progressOverNoise)));
    }
    List<String> advice = List.of(
        "Nothing urgent. Keep the weights of epoch " + f.epoch(f.best) + " (best validation loss " + fmt(f.va[f.best]) + ").",
        "To improve further, try a larger model with regularisation, or more data.");
    double flat = f.gl < thresholds.generalizationLoss()
        ? thresholds.generalizationLoss() / Math.max(f.gl, 0.5)
        : SUGGESTIVE_RISE / Math.max(f.riseZ, 0.1);
    double conf = Math.min(Math.min(strength(flat), strength(thresholds.gapRatio() / Math.max(f.gap, 0.05))),
        strength(thresholds.resolution() / Math.max(f.resolution, 1e-3)));
    return Optional.of(f.diagnosis(Cause.CONVERGED, OptionalInt.empty(), conf, reasons, advice));
  }

  // ---------------------------------------------------------------------------------------------
  // The measures.

  /**
   * Everything measured on one run. The basic facts (series, chance level, the first non-finite
   * epoch) always; the rest only for runs the first two rules let through (enough epochs, all
   * finite), so that no rule after them sees a NaN it did not expect.
   */
  private final class Facts {
    final LearningCurves c;
    final int n;
    final double[] rawTrain;
    final double[] va;
    final double[] tr;
    final boolean evalMode;
    final int firstNonFinite;
    final int classes;
    final int inferredClasses;
    final double chance;
    final double valAccuracyMedian;

    double[] sTr;
    double[] sVa;
    int lateWindow;
    int lateFrom;
    double noiseRelVa;
    double changeTr;
    double changeVa;
    double zTr;
    double zVa;
    double startTr;
    double endTr;
    double minTr;
    double startVa;
    double endVa;
    int best;
    int smoothBest;
    double minVa;
    double relImpTr;
    double relImpVa;
    double relImpVaToLate;
    double gap;
    double gapAtBest;
    double lossScale;
    double gapOverScale;
    double gl;
    int strip;
    double progress;
    double pq;
    int up;
    double shareTr;
    double shareVa;
    double lateSlopeTr;
    double lateSlopeVa;
    double riseZ = Double.NaN;
    double riseTrendZ = Double.NaN;
    double resolution;
    double progressOverNoise;

    Facts(LearningCurves c) {
      this.c = c;
      n = c.size();
      rawTrain = toArray(c.trainLoss());
      va = toArray(c.valLoss());
      evalMode = !c.trainEvalLoss().isEmpty();
      tr = evalMode ? toArray(c.trainEvalLoss()) : rawTrain;
      firstNonFinite = firstNonFinite(rawTrain, va, evalMode ? tr : null);
      double[] valAcc = toArray(c.valAccuracy());
      valAccuracyMedian = valAcc.length > 0 ? median(valAcc, 0, valAcc.length) : Double.NaN;
      int inferred = c.classes().isPresent() || firstNonFinite >= 0 ? 0 : inferClasses();
      inferredClasses = inferred;
      classes = c.classes().isPresent() ? c.classes().getAsInt() : inferred;
      chance = classes >= 2 ? Math.log(classes) : Double.NaN;
      best = firstNonFinite < 0 ? argMin(va, 0, n) : 0;
      if (firstNonFinite < 0 && n >= thresholds.minEpochs()) {
        measure();
      }
    }

    /**
     * K when the log shows a classifier at chance: the validation accuracy's median is within
     * {@link #CHANCE_AGREEMENT} of {@code 1/K} and the validation loss's median within it of
     * {@code ln K}, for {@code K = round(1 / accuracy)}; else 0.
     */
    private int inferClasses() {
      if (!(valAccuracyMedian > 0 && valAccuracyMedian < 1)) {
        return 0;
      }
      int k = (int) Math.round(1 / valAccuracyMedian);
      double loss = median(va, 0, n);
      boolean accuracyAtChance = Math.abs(valAccuracyMedian * k - 1) <= CHANCE_AGREEMENT;
      boolean lossAtChance = Math.abs(loss / Math.log(k) - 1) <= CHANCE_AGREEMENT;
      return k >= 2 && accuracyAtChance && lossAtChance ? k : 0;
    }

    private void measure() {
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
      double noiseRelTr = relativeNoise(tr, sTr);
      noiseRelVa = relativeNoise(va, sVa);
      double sigmaTr = noiseRelTr * Math.abs(levelTr);
      double sigmaVa = noiseRelVa * Math.abs(levelVa);
      changeTr = theilSenSlope(tr, lateFrom, n) * (lateWindow - 1);
      changeVa = theilSenSlope(va, lateFrom, n) * (lateWindow - 1);
      zTr = z(changeTr, lineChangeStandardError(sigmaTr, lateWindow));
      zVa = z(changeVa, lineChangeStandardError(sigmaVa, lateWindow));
      relImpTr = startTr > 0 ? (startTr - endTr) / startTr : Double.NaN;
      relImpVa = startVa > 0 ? (startVa - minVa) / startVa : Double.NaN;
      relImpVaToLate = startVa > 0 ? (startVa - levelVa) / startVa : Double.NaN;
      gap = endTr > 0 ? (endVa - endTr) / endTr : Double.NaN;
      gapAtBest = sTr[smoothBest] > 0 ? (minVa - sTr[smoothBest]) / sTr[smoothBest] : Double.NaN;
      lossScale = Math.max(Math.max(tr[0], va[0]), Double.isNaN(chance) ? 0 : chance);
      gapOverScale = lossScale > 0 ? (endVa - endTr) / lossScale : Double.NaN;
      // Prechelt's GL is a ratio to the best loss: meaningless unless that is positive
      gl = minVa > 0 ? Prechelt.generalizationLoss(sVa, n - 1) : Double.NaN;
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
        riseTrendZ = z(theilSenSlope(va, best, n) * (m - 1), lineChangeStandardError(sigma, m));
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
        riseZ = z(top - bottom, se);
      }
      resolution = 2 * MEDIAN_SE_FACTOR * noiseRelVa / Math.sqrt(lateWindow);
      // the smoothed start is about as certain as a median of its first three epochs
      double progressSe = MEDIAN_SE_FACTOR * sigmaVa * Math.sqrt(1.0 / lateWindow + 1.0 / 3);
      progressOverNoise = z(startVa - levelVa, progressSe);
    }

    Measures measures() {
      return Measures.builder()
          .epochs(n)
          .bestValLoss(va[best])
          .finalTrainLoss(tr[n - 1])
          .finalValLoss(va[n - 1])
          .gapRatio(gap)
          .gapRatioAtBest(gapAtBest)
          .gapOverScale(gapOverScale)
          .generalizationLoss(gl)
          .trainingProgress(progress)
          .progressQuotient(pq)
          .stripLength(strip)
          .upStrips(up)
          .relativeImprovementTrain(relImpTr)
          .relativeImprovementVal(relImpVa)
          .relativeImprovementValToLate(relImpVaToLate)
          .lateSlopeTrain(lateSlopeTr)
          .lateSlopeVal(lateSlopeVa)
          .lateTrendTrain(zTr)
          .lateTrendVal(zVa)
          .shareOfImprovementVal(shareVa)
          .riseSinceBest(riseZ)
          .riseTrendSinceBest(riseTrendZ)
          .lateWindow(lateWindow)
          .noise(noiseRelVa)
          .resolution(resolution)
          .progressOverNoise(progressOverNoise)
          .chanceLoss(chance)
          .inferredClasses(inferredClasses)
          .build();
    }

    double gapAt(int i) {
      return sTr[i] > 0 ? (sVa[i] - sTr[i]) / sTr[i] : Double.NaN;
    }

    String trainingTrendSentence() {
      if (changeTr < 0) {
        return String.format(Locale.ROOT, "while the %straining loss kept falling (%s over the last %d epochs)",
            evalMode ? "eval-mode " : "", signedPercent(lateSlopeTr), lateWindow);
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
    if (Double.isNaN(ratio) || ratio <= 1) {
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

  private static int firstBeyond(double[] a, double[] b, double limit) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i]) >= limit || Math.abs(b[i]) >= limit) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonFinite(double[] a, double[] b, double[] c) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i]) || !Double.isFinite(b[i]) || (c != null && !Double.isFinite(c[i]))) {
        return i;
      }
    }
    return -1;
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

  /** A fraction as a percentage for people ({@code 0.123} is {@code 12.3%}); never "NaN%". */
  static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return Double.isNaN(fraction) ? "an unknown share" : "an unbounded share";
    }
    double p = 100 * fraction;
    if (Double.isInfinite(p)) {
      return "an unbounded share";
    }
    return Math.abs(p) >= 1e6 ? fmt(p) + "%" : String.format(Locale.ROOT, "%.1f%%", p);
  }

  /** A number of standard errors for people, {@code 2.3}; never "NaN". */
  static String sigmas(double z) {
    if (Double.isNaN(z)) {
      return "an unknown number of";
    }
    return Double.isInfinite(z) ? (z > 0 ? "infinitely many" : "minus infinitely many") : String.format(Locale.ROOT, "%.1f", z);
  }

  /** A signed percentage, {@code +3.0%} or {@code -12.5%}; never "NaN%". */
  static String signedPercent(double fraction) {
    String s = percent(fraction);
    return Double.isFinite(fraction) && fraction >= 0 ? "+" + s : s;
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
