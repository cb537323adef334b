/**
 * The DJL backend: Disciplina's tensor kernels on PyTorch through DJL, offline.
 *
 * <p>{@link dev.disciplina.backend.djl.DjlBackendProvider} is found by {@link
 * java.util.ServiceLoader} under the name {@code djl}. It touches no DJL class until asked for
 * its availability or a backend, and then puts DJL in offline mode ({@code ai.djl.offline=true}
 * unless set) so that no network access is ever attempted; the PyTorch natives come from the
 * {@code pytorch-native-cpu} jar and are extracted once into {@code ~/.djl.ai}.
 *
 * <p>DJL's {@code NDArray} operations serve as kernels only: autograd is Disciplina's own, and
 * DJL's {@code GradientCollector} is never used. Every PyTorch tensor is owned by one {@link
 * dev.disciplina.backend.djl.DjlTensor} and freed when that tensor's scope closes.
 */
package dev.disciplina.backend.djl;
