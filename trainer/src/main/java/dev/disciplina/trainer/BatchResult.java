package dev.disciplina.trainer;

/**
 * One iteration, as listeners see it after its backward pass (and the optimizer step that closes
 * its group).
 *
 * @param epoch the epoch, from 1
 * @param batch the batch's position in its epoch, from 0
 * @param iteration the iteration of the run, from 1
 * @param batchesInEpoch how many batches this epoch has
 * @param examples the batch size
 * @param loss the batch's mean loss (before any division for gradient accumulation)
 * @param nanos the wall time of the iteration
 */
public record BatchResult(int epoch, int batch, long iteration, int batchesInEpoch, int examples,
    double loss, long nanos) {}
