package dev.disciplina.distributed.spark;

/**
 * Which worker a {@link TrainingJob} is customizing: its rank, the group size, the segment (from
 * 0) and Spark's attempt number of the segment's stage (from 0; above 0 when Spark reran it).
 */
public record WorkerInfo(int rank, int size, int segment, int stageAttempt) {}
