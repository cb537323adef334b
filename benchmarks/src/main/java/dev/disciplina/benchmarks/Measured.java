package dev.disciplina.benchmarks;

/**
 * What one contestant run measured: training examples per second over the measured epochs
 * (training only: no validation, no data loading, no warm-up), and the mean training loss of the
 * last epoch as evidence that it learned.
 */
public record Measured(double examplesPerSecond, double finalLoss) {}
