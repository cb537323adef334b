/**
 * Metrics for people, separate from the losses that train: accuracy, macro precision, recall and
 * F1 ({@link dev.disciplina.api.metrics.ConfusionMatrix}), mean absolute error and root mean
 * squared error ({@link dev.disciplina.api.metrics.Metrics}). Pure functions of plain arrays; no
 * tensors.
 */
package dev.disciplina.api.metrics;
