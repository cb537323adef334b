/**
 * Measurements that are too long or too noisy for unit tests: training throughput of each
 * backend beside DJL's own training loop, run from one JVM so the figures compare as ratios.
 */
package dev.disciplina.benchmarks;
