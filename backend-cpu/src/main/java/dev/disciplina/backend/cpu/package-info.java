/**
 * The reference backend: pure Java float32 kernels on {@code jdk.incubator.vector}. {@link
 * dev.disciplina.backend.cpu.CpuBackendProvider} is found through {@link java.util.ServiceLoader}
 * under the name {@code cpu}; {@link dev.disciplina.backend.cpu.CpuBackend} implements the SPI with
 * vectorised elementwise kernels, deterministic polynomial transcendentals, a register-blocked
 * matrix multiply split over a small thread pool, and a per-thread pool of {@code float[]}
 * buffers that scopes return on close. Everything else in the package is package-private.
 */
package dev.disciplina.backend.cpu;
