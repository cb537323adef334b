package dev.disciplina.trainer.noise;

import dev.disciplina.api.nn.Parameter;
import dev.disciplina.trainer.EpochResult;
import dev.disciplina.trainer.GradientHook;
import dev.disciplina.trainer.GradientStep;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Measures the simple gradient noise scale {@code B_simple = tr(S) / |G|^2} (McCandlish et al.
 * 2018, appendix A.1) from the gradients the optimizer steps on.
 *
 * <p>The squared norm of a batch gradient of size b is, in expectation, {@code |G|^2 + tr(S)/b}.
 * Measured at two batch sizes it gives unbiased estimates of both terms. Here the two sizes are
 * b (one step's gradient) and 2b (the mean of two consecutive steps' gradients), taken over
 * disjoint pairs of consecutive steps of equal size: with {@code small} the mean of the two
 * squared norms and {@code big} the squared norm of their mean, {@code |G|^2 = 2 big - small}
 * (the dot product of the two gradients) and {@code tr(S) = 2b (small - big)}. Each epoch's
 * estimate is the ratio of the means over the last {@code window} pairs (100 by default, which
 * may reach back over several epochs when an epoch has few steps — McCandlish et al. smooth
 * with a moving average for the same reason: one pair's |G|^2 is mostly noise), with a
 * jackknife standard error. One step of training lies between the two gradients
 * of a pair, which biases {@code big} slightly when the learning rate is large; a run with
 * gradient accumulation is refused.
 *
 * <p>It is a {@link GradientHook} that only reads: it sees each step's gradients before the
 * optimizer (and before any configured clipping) and changes nothing; as a listener it closes an
 * estimate at the end of every epoch. Register it as both ({@code Trainer.withGradientHook} and
 * the listeners). It keeps two copies of the gradients on the heap. One meter serves one run, on
 * the trainer's thread.
 */
public final class NoiseScaleMeter implements GradientHook, TrainingListener {

  /** The pairs of steps an estimate pools by default. */
  public static final int DEFAULT_WINDOW = 100;

  private final int window;
  private final List<NoiseScaleEstimate> estimates = new ArrayList<>();
  private final ArrayDeque<double[]> recentPairs = new ArrayDeque<>();
  private float[] first;
  private float[] second;
  private float[] pending;
  private int pendingExamples;

  /** A meter whose estimates pool the last {@value #DEFAULT_WINDOW} pairs of steps. */
  public NoiseScaleMeter() {
    this(DEFAULT_WINDOW);
  }

  /** A meter whose estimates pool the last {@code window} pairs of steps (at least 3). */
  public NoiseScaleMeter(int window) {
    if (window < 3) {
      throw new IllegalArgumentException("a noise-scale window needs at least 3 pairs of steps, "
          + "got " + window);
    }
    this.window = window;
  }

  /** One estimate per epoch so far, in order. */
  public List<NoiseScaleEstimate> estimates() {
    return Collections.unmodifiableList(estimates);
  }

  /** The latest estimate, or null before the first epoch ends. */
  public NoiseScaleEstimate latest() {
    return estimates.isEmpty() ? null : estimates.get(estimates.size() - 1);
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    if (context.config().accumulateBatches() > 1) {
      throw new IllegalArgumentException("the gradient noise scale is measured on each step's "
          + "gradient; it cannot be with gradient accumulation over "
          + context.config().accumulateBatches() + " batches");
    }
  }

  @Override
  public void onEpochStart(TrainingContext context, int epoch) {
    pending = null;
  }

  @Override
  public void beforeStep(GradientStep step) {
    Collection<Parameter> parameters = step.parameters().values();
    if (first == null) {
      int n = 0;
      for (Parameter p : parameters) {
        n += p.value().shape().size();
      }
      first = new float[n];
      second = new float[n];
    }
    float[] g = pending == first ? second : first;
    int offset = 0;
    for (Parameter p : parameters) {
      if (p.grad() == null) {
        java.util.Arrays.fill(g, offset, offset + p.value().shape().size(), 0f);
      } else {
        p.grad().copyTo(g, offset);
      }
      offset += p.value().shape().size();
    }
    if (pending != null && pendingExamples == step.examples()) {
      if (recentPairs.size() == window) {
        recentPairs.removeFirst();
      }
      recentPairs.addLast(pair(pending, g, step.examples()));
      pending = null;
    } else {
      pending = g;
      pendingExamples = step.examples();
    }
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult epoch) {
    estimates.add(estimate(epoch.epoch(), context.config().batchSize(),
        new ArrayList<>(recentPairs)));
  }

  /** {@code [|G|^2 estimate, tr(S) estimate]} from two gradients of batches of {@code b}. */
  static double[] pair(float[] g1, float[] g2, int b) {
    double n1 = 0;
    double n2 = 0;
    double mean = 0;
    for (int i = 0; i < g1.length; i++) {
      double a = g1[i];
      double c = g2[i];
      n1 += a * a;
      n2 += c * c;
      double m = (a + c) / 2;
      mean += m * m;
    }
    double small = (n1 + n2) / 2;
    return new double[] {2 * mean - small, 2.0 * b * (small - mean)};
  }

  /** The epoch's estimate from its pairs. */
  static NoiseScaleEstimate estimate(int epoch, int batchSize, List<double[]> pairs) {
    int n = pairs.size();
    double sumG = 0;
    double sumS = 0;
    for (double[] p : pairs) {
      sumG += p[0];
      sumS += p[1];
    }
    if (n == 0) {
      return new NoiseScaleEstimate(epoch, batchSize, 0, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double g = sumG / n;
    double s = sumS / n;
    double scale = g > 0 ? s / g : Double.NaN;
    double se = Double.NaN;
    if (n >= 3 && g > 0) {
      double[] leaveOut = new double[n];
      double mean = 0;
      boolean defined = true;
      for (int i = 0; i < n; i++) {
        double gi = (sumG - pairs.get(i)[0]) / (n - 1);
        double si = (sumS - pairs.get(i)[1]) / (n - 1);
        if (!(gi > 0)) {
          defined = false;
          break;
        }
        leaveOut[i] = si / gi;
        mean += leaveOut[i];
      }
      if (defined) {
        mean /= n;
        double ss = 0;
        for (double v : leaveOut) {
          ss += (v - mean) * (v - mean);
        }
        se = Math.sqrt((n - 1.0) / n * ss);
      }
    }
    return new NoiseScaleEstimate(epoch, batchSize, n, g, s, scale, se);
  }
}
