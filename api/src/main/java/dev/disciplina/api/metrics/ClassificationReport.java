package dev.disciplina.api.metrics;

/**
 * The usual classification metrics of one evaluation: accuracy and the macro (unweighted
 * per-class mean) precision, recall and F1, over {@code examples} examples.
 */
public record ClassificationReport(
    double accuracy, double macroPrecision, double macroRecall, double macroF1, long examples) {}
