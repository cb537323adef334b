/**
 * The training loop: {@link dev.disciplina.trainer.Trainer} runs it under a {@link
 * dev.disciplina.trainer.TrainingConfig} and records a {@link dev.disciplina.trainer.History};
 * {@link dev.disciplina.trainer.TrainingListener}s hook in at run, epoch, batch and validation
 * boundaries ({@link dev.disciplina.trainer.TrainingMeters} for Micrometer, {@link
 * dev.disciplina.trainer.HistoryCsv} for files, {@link dev.disciplina.trainer.OnlineDiagnosis}
 * for the verdict as it forms); {@link dev.disciplina.trainer.TrainerModule} wires it with Guice.
 *
 * <p>What plugs into the loop is sorted by authority: listeners observe; {@link
 * dev.disciplina.trainer.GradientHook}s may change gradients between backward and step; {@link
 * dev.disciplina.trainer.StopPolicy}s may end the run and name the weights to keep; the {@link
 * dev.disciplina.trainer.LoopState} is saved in checkpoints ({@link
 * dev.disciplina.trainer.Checkpoints}, {@link dev.disciplina.trainer.CheckpointListener}) and
 * given back to {@link dev.disciplina.trainer.Trainer#resume} to continue bit-exactly.
 *
 * <p>The trainer finds backends by name through {@link dev.disciplina.api.tensor.Backends}; it
 * names no backend class.
 */
package dev.disciplina.trainer;
