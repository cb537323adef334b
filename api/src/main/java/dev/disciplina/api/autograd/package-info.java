/**
 * Reverse-mode automatic differentiation written once over the backend primitives, so that a
 * gradient means the same on every backend: {@link dev.disciplina.api.autograd.Variable} records a
 * define-by-run tape, {@link dev.disciplina.api.autograd.Variable#backward()} walks it, and
 * {@link dev.disciplina.api.autograd.GradMode#noGrad()} turns recording off.
 */
package dev.disciplina.api.autograd;
