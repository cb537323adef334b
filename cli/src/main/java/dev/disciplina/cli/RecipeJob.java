package dev.disciplina.cli;

import dev.disciplina.distributed.spark.TrainingJob;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.TrainingConfig;

/** A {@link Recipe} as Spark ships it to the workers: everything but the data. */
record RecipeJob(ModelSpec model, OptimizerSpec optimizer, int features, int outputs,
    boolean classification, int epochs, int batchSize, long seed, int earlyStoppingPatience,
    String backend) implements TrainingJob {

  private static final long serialVersionUID = 1L;

  static RecipeJob of(Recipe r, String backend) {
    return new RecipeJob(r.model(), r.optimizer(), r.data().featureCount(),
        Recipe.outputs(r.data()), r.data().isClassification(), r.epochs(), r.batchSize(),
        r.seed(), r.earlyStoppingPatience(), backend);
  }

  @Override
  public Experiment experiment() {
    return Recipe.experiment(model, optimizer, features, outputs, classification);
  }

  @Override
  public TrainingConfig config() {
    return Recipe.config(epochs, batchSize, seed, earlyStoppingPatience);
  }
}
