package dev.disciplina.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled corpus of synthetic learning curves, drawn from parametric families with a seeded
 * {@link Random}. Each family is a textbook shape — the label is true by construction — with
 * randomised sizes, floors, time constants, onsets and noise, so that the rules are tested on the
 * shapes, not on a few hand-picked curves.
 *
 * <p>Noise is multiplicative (a loss is positive and its noise scales with it), Gaussian, with an
 * occasional spike on the validation loss (a bad evaluation) in the families where it should not
 * change the verdict.
 */
final class CurveCorpus {

  /**
   * One labelled run. {@code onset} is the true epoch of the validation minimum for U-shaped runs,
   * else -1; {@code cleanVal} the noiseless validation curve of those runs, else null.
   */
  record Run(String family, Verdict label, Cause cause, LearningCurves curves, int onset, double[] cleanVal) {}

  private double[] clean;

  private final Random random;
  private final List<Run> runs = new ArrayList<>();

  private CurveCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code perFamily} runs of each family. */
  static List<Run> generate(long seed, int perFamily) {
    CurveCorpus c = new CurveCorpus(seed);
    for (int i = 0; i < perFamily; i++) {
      c.healthy();
      c.healthyWithDropout();
      c.overfittingU();
      c.overfittingGap();
      c.underfittingChance();
      c.underfittingFlat();
      c.stillImproving();
      c.divergingNaN();
      c.divergingExplosion();
      c.divergingRising();
      c.tooShort();
      c.veryNoisy();
      c.overfittingMild();
      c.healthyNoisy();
      c.healthyPowerLaw();
    }
    return c.runs;
  }

  // --- families ---------------------------------------------------------------------------------

  /** Both losses decay exponentially to floors with a small gap, run long enough to converge. */
  private void healthy() {
    int n = between(20, 100);
    double tau = n / uniform(6, 12);
    double fTr = uniform(0.03, 0.5);
    double gap = uniform(0.02, 0.6);
    double fVa = fTr * (1 + gap);
    boolean classes = random.nextBoolean();
    int k = classes ? pick(2, 10, 100) : 0;
    double start = classes ? Math.log(k) * uniform(0.95, 1.05) : fTr + uniform(0.5, 2.5);
    if (classes && fVa > 0.4 * Math.log(k)) {
      fTr = 0.3 * Math.log(k) * uniform(0.2, 1);
      fVa = fTr * (1 + gap);
    }
    double sTr = uniform(0.003, 0.015);
    double sVa = uniform(0.005, 0.03);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      tr[t] = noisy((fTr + (start - fTr) * Math.exp(-(t + 0.5) / tau)), sTr);
      va[t] = noisy(fVa + (start - fVa) * Math.exp(-(t + 1) / tau), sVa);
    }
    spike(va, 0.03);
    add("healthy", Cause.CONVERGED, tr, va, k, -1);
  }

  /** Healthy, but the training loss is measured with dropout on, so it stays above validation. */
  private void healthyWithDropout() {
    int n = between(20, 80);
    double tau = n / uniform(6, 10);
    double fVa = uniform(0.05, 0.5);
    double fTr = fVa * uniform(1.05, 1.4);
    double start = fTr + uniform(0.5, 2);
    double[] tr = new double[n];
    double[] va = new double[n];
    double noiseTr = uniform(0.003, 0.01);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / tau), noiseTr);
      va[t] = noisy(fVa + (start - fVa) * Math.exp(-(t + 1) / tau), 0.015);
    }
    add("healthy-dropout", Cause.CONVERGED, tr, va, 0, -1);
  }

  /**
   * Training loss decays towards near zero; validation follows a U: it decays, then from an onset
   * between 20% and 70% of the run rises (linearly, or faster), ending 15% to 150% above its best.
   */
  private void overfittingU() {
    int n = between(20, 100);
    double tau = n / uniform(8, 16);
    double fTr = uniform(0.001, 0.1);
    double start = uniform(0.7, 2.5);
    int t0 = (int) Math.round(n * uniform(0.2, 0.7));
    double p = pick(1.0, 1.5, 2.0);
    double fVa = uniform(0.1, 0.6);
    double base0 = fVa + (start - fVa) * Math.exp(-(t0 + 1) / tau);
    double rise = base0 * uniform(0.15, 1.5);
    double c = rise / Math.pow(n - 1 - t0, p);
    double[] tr = new double[n];
    double[] va = new double[n];
    double[] clean = new double[n];
    double noiseTr = uniform(0.003, 0.01);
    double noiseVa = uniform(0.005, 0.03);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / (tau * 0.8)), noiseTr);
      clean[t] = fVa + (start - fVa) * Math.exp(-(t + 1) / tau) + c * Math.pow(Math.max(0, t - t0), p);
      va[t] = noisy(clean[t], noiseVa);
    }
    int onset = argMin(clean);
    this.clean = clean;
    add("overfitting-U", Cause.VALIDATION_RISING, tr, va, 0, onset + 1);
  }

  /**
   * Training loss keeps falling far below a validation loss that has flattened: validation ends
   * 2.5 to 8 times the training loss but does not rise.
   */
  private void overfittingGap() {
    int n = between(25, 80);
    double tau = n / uniform(6, 10);
    double fVa = uniform(0.2, 0.8);
    double fTr = fVa / uniform(2.5, 8);
    double start = fVa + uniform(0.5, 1.5);
    double[] tr = new double[n];
    double[] va = new double[n];
    double noiseVa = uniform(0.005, 0.02);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / (tau * 1.3)), 0.005);
      va[t] = noisy(fVa + (start - fVa) * Math.exp(-(t + 1) / (tau * 0.6)), noiseVa);
    }
    add("overfitting-gap", Cause.GENERALIZATION_GAP, tr, va, 0, -1);
  }

  /** Classification with known K: both losses plateau at 85% to 100% of chance level ln K. */
  private void underfittingChance() {
    int n = between(15, 60);
    int k = pick(2, 3, 10, 100);
    double chance = Math.log(k);
    double plateau = chance * uniform(0.85, 1.0);
    double start = chance * uniform(1.0, 1.1);
    double tau = uniform(1, 3);
    double gap = uniform(0, 0.03);
    double sTr = uniform(0.002, 0.02);
    double sVa = uniform(0.005, 0.02);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(plateau + (start - plateau) * Math.exp(-(t + 0.5) / tau), sTr);
      va[t] = noisy(plateau * (1 + gap) + (start - plateau) * Math.exp(-(t + 1) / tau), sVa);
    }
    add("underfitting-chance", Cause.CAPACITY, tr, va, k, -1);
  }

  /** Unknown K: both losses flat (they improved by at most 6%) with a small gap. */
  private void underfittingFlat() {
    int n = between(15, 60);
    double start = uniform(0.3, 3);
    double plateau = start * (1 - uniform(0, 0.06));
    double tau = uniform(1, 4);
    double gap = uniform(-0.03, 0.1);
    double[] tr = new double[n];
    double[] va = new double[n];
    double noiseTr = uniform(0.002, 0.02);
    double noiseVa = uniform(0.005, 0.02);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(plateau + (start - plateau) * Math.exp(-(t + 0.5) / tau), noiseTr);
      va[t] = noisy(plateau * (1 + gap) + (start - plateau) * Math.exp(-(t + 1) / tau), noiseVa);
    }
    add("underfitting-flat", Cause.CAPACITY, tr, va, 0, -1);
  }

  /**
   * Both losses still falling clearly when training stopped: an exponential whose time constant
   * is at least two thirds of the run, or a straight line, with a small gap.
   */
  private void stillImproving() {
    int n = between(10, 60);
    double start = uniform(0.5, 2.5);
    double floor = start * uniform(0.05, 0.3);
    double tau = n * uniform(0.67, 3);
    boolean linear = random.nextInt(4) == 0;
    double gap = uniform(0, 0.15);
    double[] tr = new double[n];
    double[] va = new double[n];
    double noiseTr = uniform(0.002, 0.01);
    double noiseVa = uniform(0.003, 0.012);
    for (int t = 0; t < n; t++) {
      double f = linear ? 1 - 0.6 * t / (double) n : Math.exp(-(t + 0.5) / tau);
      tr[t] = noisy(floor + (start - floor) * f, noiseTr);
      va[t] = noisy((floor + (start - floor) * f) * (1 + gap), noiseVa);
    }
    add("still-improving", Cause.STILL_IMPROVING, tr, va, 0, -1);
  }

  /** A normal start, then the losses become NaN (and stay NaN) or infinite. */
  private void divergingNaN() {
    int n = between(5, 60);
    int bad = between(1, n - 1);
    double[] tr = new double[n];
    double[] va = new double[n];
    double start = uniform(0.5, 2.5);
    boolean inf = random.nextInt(3) == 0;
    for (int t = 0; t < n; t++) {
      if (t >= bad) {
        tr[t] = inf ? Double.POSITIVE_INFINITY : Double.NaN;
        va[t] = Double.NaN;
      } else {
        tr[t] = noisy(0.1 + start * Math.exp(-t / 5.0), 0.01);
        va[t] = noisy(0.15 + start * Math.exp(-t / 5.0), 0.02);
      }
    }
    add("diverging-nan", Cause.NON_FINITE_LOSS, tr, va, 0, -1);
  }

  /** A normal start, then from some epoch both losses grow geometrically. */
  private void divergingExplosion() {
    int n = between(12, 60);
    int te = between(n / 3, n - 4);
    double growth = uniform(1.3, 3);
    double start = uniform(0.5, 2.5);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      double base = 0.1 + start * Math.exp(-t / 4.0);
      double mult = t > te ? Math.pow(growth, t - te) : 1;
      tr[t] = noisy(base * mult, 0.02);
      va[t] = noisy(base * 1.2 * mult, 0.03);
    }
    add("diverging-explosion", Cause.EXPLODING_LOSS, tr, va, 0, -1);
  }

  /**
   * A learning rate that is too high: the training loss falls, then climbs steadily back up to
   * 2 to 5 times its minimum, dragging validation with it.
   */
  private void divergingRising() {
    int n = between(20, 60);
    int tm = between(n / 4, n / 2);
    double start = uniform(0.7, 2.5);
    double floor = start * uniform(0.1, 0.3);
    double end = floor * uniform(2, 5);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      double base = t <= tm
          ? floor + (start - floor) * (1 - t / (double) tm) * (1 - t / (double) tm)
          : floor + (end - floor) * (t - tm) / (double) (n - 1 - tm);
      tr[t] = noisy(base, 0.02);
      va[t] = noisy(base * 1.15, 0.03);
    }
    add("diverging-rising", Cause.TRAINING_LOSS_RISING, tr, va, 0, -1);
  }

  /** One to four epochs of any shape. */
  private void tooShort() {
    int n = between(1, 4);
    double[] tr = new double[n];
    double[] va = new double[n];
    double start = uniform(0.5, 2.5);
    double rate = uniform(-0.2, 0.6);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(start * Math.exp(-rate * t), 0.02);
      va[t] = noisy(start * 1.1 * Math.exp(-rate * 0.7 * t), 0.05);
    }
    add("too-short", Cause.TOO_FEW_EPOCHS, tr, va, 0, -1);
  }

  /**
   * The training loss falls normally, but validation is nearly flat under noise of 25% to 50% of
   * its level (a tiny validation set): nothing about generalisation can be read.
   */
  private void veryNoisy() {
    int n = between(10, 40);
    double start = uniform(0.7, 2.5);
    double fTr = start * uniform(0.1, 0.3);
    double fVa = fTr * uniform(1.1, 1.8);
    double tau = n / uniform(4, 8);
    double sigma = uniform(0.25, 0.5);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / tau), 0.01);
      va[t] = fVa * Math.max(0.05, 1 + sigma * random.nextGaussian());
    }
    add("very-noisy", Cause.TOO_NOISY, tr, va, 0, -1);
  }

  /**
   * Overfitting that is harder to see: validation rises only 12% to 30% above its best, under
   * validation noise of 3% to 6%.
   */
  private void overfittingMild() {
    int n = between(30, 100);
    double tau = n / uniform(10, 16);
    double start = uniform(0.7, 2.5);
    double fTr = uniform(0.01, 0.1);
    double fVa = uniform(0.15, 0.6);
    int t0 = (int) Math.round(n * uniform(0.3, 0.6));
    double base0 = fVa + (start - fVa) * Math.exp(-(t0 + 1) / tau);
    double c = base0 * uniform(0.12, 0.3) / (n - 1 - t0);
    double[] tr = new double[n];
    double[] va = new double[n];
    double[] clean = new double[n];
    double sigma = uniform(0.03, 0.06);
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / (tau * 0.8)), 0.01);
      clean[t] = fVa + (start - fVa) * Math.exp(-(t + 1) / tau) + c * Math.max(0, t - t0);
      va[t] = noisy(clean[t], sigma);
    }
    this.clean = clean;
    add("overfitting-mild", Cause.VALIDATION_RISING, tr, va, 0, argMin(clean) + 1);
  }

  /** Healthy convergence with a small validation set: validation noise of 4% to 7%. */
  private void healthyNoisy() {
    int n = between(25, 100);
    double tau = n / uniform(6, 10);
    double fTr = uniform(0.05, 0.5);
    double fVa = fTr * uniform(1.05, 1.5);
    double start = fVa + uniform(0.5, 2);
    double sigma = uniform(0.04, 0.07);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + (start - fTr) * Math.exp(-(t + 0.5) / tau), 0.01);
      va[t] = noisy(fVa + (start - fVa) * Math.exp(-(t + 1) / tau), sigma);
    }
    add("healthy-noisy", Cause.CONVERGED, tr, va, 0, -1);
  }

  /**
   * Healthy runs whose losses approach their floors as a power law {@code (1 + t/τ)^-α}, as deep
   * networks often do, rather than exponentially: still creeping down at the end, but by a tiny
   * share of what they gained.
   */
  private void healthyPowerLaw() {
    int n = between(30, 100);
    double alpha = uniform(1, 2);
    double tau = uniform(0.5, 2);
    double fTr = uniform(0.05, 0.4);
    double fVa = fTr * uniform(1.05, 1.6);
    double a = uniform(0.7, 2.5);
    double[] tr = new double[n];
    double[] va = new double[n];
    for (int t = 0; t < n; t++) {
      tr[t] = noisy(fTr + a * Math.pow(1 + (t + 0.5) / tau, -alpha), 0.008);
      va[t] = noisy(fVa + a * Math.pow(1 + (t + 1) / tau, -alpha), 0.02);
    }
    add("healthy-power-law", Cause.CONVERGED, tr, va, 0, -1);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private void add(String family, Cause cause, double[] tr, double[] va, int classes, int onset) {
    LearningCurves.Builder b = LearningCurves.builder().trainLoss(tr).valLoss(va);
    if (classes >= 2) {
      b.classes(classes);
    }
    runs.add(new Run(family, cause.verdict(), cause, b.build(), onset, onset >= 0 ? clean : null));
  }

  private double noisy(double v, double sigma) {
    return v * Math.max(0.05, 1 + sigma * random.nextGaussian());
  }

  /** With probability {@code p} per epoch, multiplies a validation value by 1.5 to 3. */
  private void spike(double[] va, double p) {
    for (int t = 0; t < va.length; t++) {
      if (random.nextDouble() < p) {
        va[t] *= uniform(1.5, 3);
      }
    }
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  private int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  private int pick(int... values) {
    return values[random.nextInt(values.length)];
  }

  private double pick(double... values) {
    return values[random.nextInt(values.length)];
  }

  private static int argMin(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[best]) {
        best = i;
      }
    }
    return best;
  }
}
