package dev.disciplina.api.tensor;

/**
 * A scalar loss and its gradient with respect to the loss function's input, as returned by fused
 * loss kernels. Both tensors belong to the current scope.
 */
public record LossAndGradient(Tensor loss, Tensor gradient) {}
