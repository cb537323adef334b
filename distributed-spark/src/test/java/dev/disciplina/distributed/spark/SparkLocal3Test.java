package dev.disciplina.distributed.spark;

/** Three workers on {@code local[3]}: uneven shards (21, 21, 22) of the 64-example batches. */
class SparkLocal3Test extends SparkEquivalenceKit {

  @Override
  protected int workers() {
    return 3;
  }
}
