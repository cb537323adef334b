/**
 * The {@code nd4j} backend: Disciplina's kernels on ND4J's native CPU backend (libnd4j and
 * OpenBLAS, linux-x86_64).
 *
 * <p>{@link dev.disciplina.backend.nd4j.Nd4jBackendProvider} is found by {@link
 * java.util.ServiceLoader}; it starts ND4J only when asked whether it is available or to create
 * the backend, so listing backends never loads the native library. {@link
 * dev.disciplina.backend.nd4j.Nd4jBackend} implements the kernels; each {@link
 * dev.disciplina.backend.nd4j.Nd4jTensor} owns one dense float32 array whose native memory is
 * freed when its scope closes. Nothing else in Disciplina names these classes.
 */
package dev.disciplina.backend.nd4j;
