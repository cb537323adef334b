/**
 * Tensors and the backend SPI: {@link dev.disciplina.api.tensor.Tensor}, {@link
 * dev.disciplina.api.tensor.Shape}, {@link dev.disciplina.api.tensor.Scope} (ownership of native
 * and pooled memory), and the service-provider interface a backend implements — {@link
 * dev.disciplina.api.tensor.BackendProvider} and the primitive kernels of {@link
 * dev.disciplina.api.tensor.Backend}. {@link dev.disciplina.api.tensor.Backends} discovers the
 * providers on the class path.
 */
package dev.disciplina.api.tensor;
