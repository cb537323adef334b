/**
 * The statistics the diagnosis rests on, each small enough to check by hand: robust location and
 * scale (median, MAD), a robust noise estimate, the Theil–Sen slope, Tukey's resistant smoothers,
 * and Prechelt's early-stopping quantities (generalization loss, training progress, progress
 * quotient, successive increases over strips).
 *
 * <p>All methods are static, pure and thread-safe; they take {@code double[]} and never modify
 * it. They assume finite input: the diagnosis handles NaN and infinity before it gets here.
 */
package dev.disciplina.diagnostics.stats;
