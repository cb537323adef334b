/**
 * JMH benchmarks that set Disciplina's kernels beside a peer engine's in one run (built only with
 * {@code -Pbench}).
 */
package dev.disciplina.benchmarks.jmh;
