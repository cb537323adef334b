/**
 * The training loop: {@link dev.disciplina.trainer.Trainer} runs it under a {@link
 * dev.disciplina.trainer.TrainingConfig} and records a {@link dev.disciplina.trainer.History};
 * {@link dev.disciplina.trainer.TrainingListener}s hook in at run, epoch, batch and validation
 * boundaries ({@link dev.disciplina.trainer.TrainingMeters} for Micrometer, {@link
 * dev.disciplina.trainer.HistoryCsv} for files, {@link dev.disciplina.trainer.OnlineDiagnosis}
 * for the verdict as it forms); {@link dev.disciplina.trainer.TrainerModule} wires it with Guice.
 *
 * <p>The trainer finds backends by name through {@link dev.disciplina.api.tensor.Backends}; it
 * names no backend class.
 */
package dev.disciplina.trainer;
