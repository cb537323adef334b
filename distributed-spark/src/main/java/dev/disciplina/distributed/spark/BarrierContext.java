package dev.disciplina.distributed.spark;

/**
 * What a barrier task knows about its stage, without Spark types: its rank, the number of
 * tasks, the stage attempt, the host Spark runs it on, and the one exchange all tasks make
 * together. Valid on the task's thread while the task runs.
 */
public interface BarrierContext {

  int rank();

  int size();

  /** Spark's attempt number of this stage, from 0. */
  int stageAttempt();

  /** The host this task runs on, as the other tasks can reach it. */
  String host();

  /** Every task's {@code message}, by rank; all tasks call it once, together. */
  String[] allGather(String message);
}
