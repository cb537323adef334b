package dev.disciplina.distributed.spark;

import java.io.Serializable;

/**
 * The work of every task of a barrier stage; Spark serializes it to the tasks. Rank 0's result
 * is the stage's result (other ranks return null).
 *
 * @param <R> the serializable result
 */
@FunctionalInterface
public interface BarrierWork<R extends Serializable> extends Serializable {

  R run(BarrierContext context) throws Exception;
}
