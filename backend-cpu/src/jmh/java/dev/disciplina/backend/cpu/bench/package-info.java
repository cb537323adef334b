/**
 * JMH benchmarks of the {@code cpu} backend, built only with the Maven profile {@code bench}
 * (see the module's README for the command).
 */
package dev.disciplina.backend.cpu.bench;
