/**
 * Optimizers — {@link dev.disciplina.api.optim.Sgd} (momentum, Nesterov, weight decay), {@link
 * dev.disciplina.api.optim.Adam} and AdamW — and {@link
 * dev.disciplina.api.optim.LearningRateSchedule}s. The update arithmetic is the backend's fused
 * step ({@code Backend.sgdStep}, {@code Backend.adamStep}).
 */
package dev.disciplina.api.optim;
