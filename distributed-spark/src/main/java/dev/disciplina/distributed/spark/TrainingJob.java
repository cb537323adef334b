package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.Trainer;
import dev.disciplina.trainer.TrainingConfig;
import java.io.Serializable;

/**
 * What every worker trains, as a serializable recipe that Spark ships to the tasks: each worker
 * builds the experiment, the configuration and the backend itself, so nothing but this recipe
 * (and the data) crosses the wire. All workers must build the same model: the parameter layouts
 * are compared when the workers meet.
 *
 * <p>Implementations are small immutable values (records), called on the task threads.
 */
public interface TrainingJob extends Serializable {

  /** The model, optimizer and loss. */
  Experiment experiment();

  /** The configuration of the whole run (its sharding is set by the distributed trainer). */
  TrainingConfig config();

  /** The backend name, as {@code Backends.named} knows it. */
  String backend();

  /**
   * The trainer a worker uses, from the one the distributed trainer built (listeners, hooks
   * or stop policies added here run on every worker). By default unchanged.
   */
  default Trainer customize(Trainer trainer, WorkerInfo worker) {
    return trainer;
  }
}
