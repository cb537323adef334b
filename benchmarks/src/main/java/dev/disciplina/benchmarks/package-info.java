/**
 * Training throughput of every Disciplina backend beside the peers — DJL's {@code EasyTrain} and
 * a hand-written DJL loop, DL4J's {@code fit} — each contestant in its own JVM, round-robin
 * ({@link dev.disciplina.benchmarks.Bench}, run by {@code disciplina bench}). The only module that
 * imports the peers' engines.
 */
package dev.disciplina.benchmarks;
