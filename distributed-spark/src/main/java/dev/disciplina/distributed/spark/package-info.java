/**
 * Data-parallel training on Apache Spark, bit-identical to one process: Spark's barrier mode
 * starts the workers together and they exchange addresses once ({@link
 * dev.disciplina.distributed.spark.SparkTrainer}); then each runs the unchanged {@link
 * dev.disciplina.trainer.Trainer} on its shard of every global batch, with gradients summed in
 * rank order over the workers' own sockets ({@link
 * dev.disciplina.distributed.spark.MeshCollective}). Only {@code BarrierStage} speaks Spark's
 * Scala API.
 */
package dev.disciplina.distributed.spark;
