/** Differentiable losses, computed from raw model outputs (logits): the training signal. */
package dev.disciplina.api.loss;
