package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.History;
import java.util.Map;

/**
 * A finished distributed run: rank 0's history (equal on every rank), the final weights by
 * state-dict name, how many segments ran and how many segment attempts failed and were rerun
 * from the last checkpoint by the driver.
 */
public record SparkRun(History history, Map<String, float[]> weights, int segments,
    int driverRetries) {}
