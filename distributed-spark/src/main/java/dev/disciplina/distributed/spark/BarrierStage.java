package dev.disciplina.distributed.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.Function1;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The only class that speaks Spark's Scala API: runs one {@link BarrierWork} as a barrier stage
 * of {@code n} tasks, all started together (Spark refuses the job when it cannot give every
 * task a slot at once).
 *
 * <p>The barrier stage is followed by a one-partition shuffle, so it is a shuffle-map stage:
 * when one task fails, Spark kills the others and reruns the whole stage (up to {@code
 * spark.stage.maxConsecutiveAttempts}), where a barrier result stage would abort the job.
 * Stateless; call from the driver thread.
 */
final class BarrierStage {

  private BarrierStage() {}

  /** Rank 0's result of {@code work} on {@code n} barrier tasks. */
  static <R extends Serializable> R run(JavaSparkContext sc, int n, BarrierWork<R> work) {
    List<Integer> ranks = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ranks.add(r);
    }
    RDD<Integer> seeds = sc.parallelize(ranks, n).rdd();
    ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
    Function1<Iterator<Integer>, Iterator<Object>> task = task(work);
    RDD<Object> out = seeds.barrier().mapPartitions(task, false, tag);
    List<Object> results = new JavaRDD<>(out, tag).repartition(1).collect();
    if (results.size() != 1) {
      throw new IllegalStateException("the barrier stage returned " + results.size()
          + " results; expected rank 0's only");
    }
    @SuppressWarnings("unchecked")
    R result = (R) results.get(0);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <R extends Serializable> Function1<Iterator<Integer>, Iterator<Object>> task(
      BarrierWork<R> work) {
    return (Function1<Iterator<Integer>, Iterator<Object>> & Serializable) partition -> {
      BarrierTaskContext spark = BarrierTaskContext.get();
      BarrierContext context = new SparkBarrierContext(spark);
      R result;
      try {
        result = work.run(context);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("rank " + context.rank() + ": " + e.getMessage(), e);
      }
      List<Object> out = result == null ? Collections.emptyList() : List.of(result);
      return CollectionConverters.asScala(out.iterator());
    };
  }

  /** {@link BarrierContext} over Spark's {@link BarrierTaskContext}. */
  private record SparkBarrierContext(BarrierTaskContext spark) implements BarrierContext {
    @Override
    public int rank() {
      return spark.partitionId();
    }

    @Override
    public int size() {
      return spark.getTaskInfos().length;
    }

    @Override
    public int stageAttempt() {
      return spark.stageAttemptNumber();
    }

    @Override
    public String host() {
      String address = spark.getTaskInfos()[spark.partitionId()].address();
      int colon = address.lastIndexOf(':');
      return colon > 0 ? address.substring(0, colon) : address;
    }

    @Override
    public String[] allGather(String message) {
      return spark.allGather(message);
    }
  }
}
