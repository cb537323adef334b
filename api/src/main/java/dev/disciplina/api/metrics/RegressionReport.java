package dev.disciplina.api.metrics;

/** The usual regression metrics of one evaluation: mean absolute error and root mean squared error. */
public record RegressionReport(double meanAbsoluteError, double rootMeanSquaredError,
    long values) {}
