package dev.disciplina.api.nn;

/**
 * Training or evaluation. In {@link #TRAIN} mode dropout drops and batch normalisation uses the
 * statistics of the batch (and updates its running estimates); in {@link #EVAL} mode dropout is
 * the identity and batch normalisation uses the running estimates, so that a prediction does not
 * depend on the rest of its batch.
 */
public enum Mode {
  TRAIN,
  EVAL
}
