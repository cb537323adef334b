package dev.disciplina.api.optim;

/**
 * The learning rate for each epoch, numbered from 1. Schedules are pure functions of the epoch,
 * so a resumed or repeated run gets the same rates.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The rate for {@code epoch} (1, 2, ...). */
  double rate(int epoch);

  /** The same rate every epoch. */
  static LearningRateSchedule constant(double rate) {
    check(rate);
    return epoch -> rate;
  }

  /** {@code base * gamma^floor((epoch - 1) / every)}: multiplied by gamma every {@code every} epochs. */
  static LearningRateSchedule step(double base, int every, double gamma) {
    check(base);
    if (every < 1) {
      throw new IllegalArgumentException("step schedule: every must be at least 1, got " + every);
    }
    checkGamma(gamma);
    return epoch -> base * Math.pow(gamma, (epoch - 1) / every);
  }

  /** {@code base * gamma^(epoch - 1)}. */
  static LearningRateSchedule exponential(double base, double gamma) {
    check(base);
    checkGamma(gamma);
    return epoch -> base * Math.pow(gamma, epoch - 1);
  }

  /**
   * Cosine annealing from {@code base} at epoch 1 to {@code min} at epoch {@code epochs}
   * (Loshchilov and Hutter, SGDR, 2017, without restarts); {@code min} after that.
   */
  static LearningRateSchedule cosine(double base, int epochs, double min) {
    check(base);
    check(min);
    if (epochs < 1) {
      throw new IllegalArgumentException("cosine schedule: epochs must be at least 1, got " + epochs);
    }
    return epoch -> {
      if (epoch >= epochs || epochs == 1) {
        return epochs == 1 ? base : min;
      }
      double t = (double) (epoch - 1) / (epochs - 1);
      return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * t));
    };
  }

  /**
   * A linear warm-up over the first {@code warmupEpochs} epochs — {@code epoch / (warmupEpochs +
   * 1)} of the rate {@code after} gives at the end of warm-up — then {@code after}, shifted so its
   * epoch 1 follows the warm-up.
   */
  static LearningRateSchedule warmup(int warmupEpochs, LearningRateSchedule after) {
    if (warmupEpochs < 0) {
      throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
    }
    return epoch -> epoch <= warmupEpochs
        ? after.rate(1) * epoch / (warmupEpochs + 1)
        : after.rate(epoch - warmupEpochs);
  }

  private static void check(double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + rate);
    }
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
    }
  }
}
