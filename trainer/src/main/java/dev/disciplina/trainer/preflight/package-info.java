/**
 * Preflight: a checklist run before training that catches the bugs which otherwise cost a night
 * of training — data with NaNs, a split that leaks, an initial loss far from chance, a model that
 * cannot overfit one batch, ignores its input or mixes the examples of a batch, weights that do
 * not survive a checkpoint. {@link dev.disciplina.trainer.preflight.Preflight} runs the {@link
 * dev.disciplina.trainer.preflight.PreflightCheck}s in order and returns a {@link
 * dev.disciplina.trainer.preflight.PreflightReport}.
 */
package dev.disciplina.trainer.preflight;
