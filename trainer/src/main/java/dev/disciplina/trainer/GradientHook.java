package dev.disciplina.trainer;

/**
 * Code the loop runs between backward and the optimizer step, with the authority to change
 * gradients: clipping ({@link GradientClipping}), an all-reduce across workers, gradient-noise
 * measurement. Hooks run in the order they were given, the configured clipping last, once per
 * optimizer step (after the last batch of an accumulation group).
 *
 * <p><b>Discipline.</b> A hook may change {@link dev.disciplina.api.nn.Parameter#grad()} in
 * place (it owns nothing else): never the parameters' values, the model's mode or the optimizer.
 * A gradient that is {@code null} belongs to a parameter that got none this step; leave it.
 *
 * <p><b>Threading and lifecycle.</b> Called on the trainer's thread, synchronously, inside the
 * iteration's {@link dev.disciplina.api.tensor.Scope}: tensors a hook makes are freed with it.
 * An exception from a hook ends the run and propagates from {@link Trainer#fit}. A hook keeps no
 * loop state of its own; what it needs to know comes in the {@link GradientStep}.
 */
@FunctionalInterface
public interface GradientHook {

  /** Changes (or reads) the gradients of {@code step} before the optimizer applies them. */
  void beforeStep(GradientStep step);
}
