package dev.disciplina.trainer;

import dev.disciplina.api.nn.Parameter;
import java.util.Map;

/**
 * One optimizer step as a {@link GradientHook} sees it: the parameters with their gradients,
 * and where the step is in the run.
 *
 * <p>The gradients are those of the mean loss over the step's {@code examples} (the loss is a
 * batch mean; with accumulation each batch's loss is divided by the group's size). An all-reduce
 * over workers that each computed the mean over their own examples recovers the mean over the
 * global batch as {@code sum_w(grad_w * examples_w) / sum_w(examples_w)}.
 *
 * @param epoch the epoch, from 1
 * @param batch the position in its epoch, from 0, of the batch that closes this step
 * @param step the optimizer step of the run this is, from 1 (it continues across a resume)
 * @param examples how many examples of this process contributed to the gradients
 * @param parameters the optimizer's parameters by their model path ({@code 0.weight}), in the
 *     optimizer's order; {@code grad()} is what the step will apply
 */
public record GradientStep(int epoch, int batch, long step, int examples,
    Map<String, Parameter> parameters) {

  public GradientStep {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }
}
