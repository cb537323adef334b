package dev.disciplina.trainer.lrfind;

/**
 * One iteration of the sweep.
 *
 * @param iteration from 0
 * @param learningRate the rate this iteration's step used
 * @param loss the batch's loss before the step
 * @param smoothedLoss the debiased exponential moving average of the losses so far
 */
public record LrPoint(int iteration, double learningRate, double loss, double smoothedLoss) {}
