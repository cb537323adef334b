package dev.disciplina.trainer;

/**
 * Stop when validation loss has not improved by more than {@code minDelta} for {@code patience}
 * epochs in a row. With {@code restoreBestWeights}, the model ends with the weights of its best
 * epoch however training ends — early, at the last epoch, or by divergence.
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {

  public EarlyStopping {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("min delta must be a finite number >= 0, got " + minDelta);
    }
  }

  /** Patience {@code epochs}, any improvement counts, best weights restored. */
  public static EarlyStopping patience(int epochs) {
    return new EarlyStopping(epochs, 0, true);
  }

  public EarlyStopping withMinDelta(double delta) {
    return new EarlyStopping(patience, delta, restoreBestWeights);
  }

  public EarlyStopping withRestoreBestWeights(boolean restore) {
    return new EarlyStopping(patience, minDelta, restore);
  }
}
