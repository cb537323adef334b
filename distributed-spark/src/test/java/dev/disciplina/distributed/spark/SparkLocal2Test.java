package dev.disciplina.distributed.spark;

/** Two workers on {@code local[2]}: even shards of the 64-example batches. */
class SparkLocal2Test extends SparkEquivalenceKit {

  @Override
  protected int workers() {
    return 2;
  }
}
