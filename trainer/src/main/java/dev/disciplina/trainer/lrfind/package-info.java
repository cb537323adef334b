/**
 * The learning-rate finder: fastai's exponential sweep with debiased smoothing ({@link
 * dev.disciplina.trainer.lrfind.LrFinder}), its record ({@link
 * dev.disciplina.trainer.lrfind.LrSweep}) and a suggestion that says "no clear valley" rather
 * than pick noise ({@link dev.disciplina.trainer.lrfind.LrSuggestion}).
 */
package dev.disciplina.trainer.lrfind;
