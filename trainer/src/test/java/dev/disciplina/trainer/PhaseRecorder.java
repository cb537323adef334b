package dev.disciplina.trainer;

import dev.disciplina.api.data.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener that records the loop's events in order, the state of the model around every
 * validation, and the rows of every training batch.
 */
public final class PhaseRecorder implements TrainingListener {

  public final List<String> events = new ArrayList<>();
  public final List<List<int[]>> batchRowsPerEpoch = new ArrayList<>();
  public final List<Map<String, float[]>> stateBeforeValidation = new ArrayList<>();
  public final List<Map<String, float[]>> stateAfterValidation = new ArrayList<>();
  public final List<Integer> stepsBeforeValidation = new ArrayList<>();
  public final List<Integer> stepsAfterValidation = new ArrayList<>();
  public final List<Map<String, float[]>> stateAtEpochEnd = new ArrayList<>();
  public final List<Map<String, float[]>> stateAfterBatch = new ArrayList<>();
  public boolean validating;

  @Override
  public void onTrainStart(TrainingContext c) {
    events.add("trainStart");
  }

  @Override
  public void onEpochStart(TrainingContext c, int epoch) {
    events.add("epochStart " + epoch);
    batchRowsPerEpoch.add(new ArrayList<>());
  }

  @Override
  public void onBatchStart(TrainingContext c, Batch batch) {
    events.add("batchStart");
    batchRowsPerEpoch.get(batchRowsPerEpoch.size() - 1).add(batch.indices());
  }

  @Override
  public void onBatchEnd(TrainingContext c, BatchResult result) {
    events.add("batchEnd");
    if (Double.isFinite(result.loss())) {
      stateAfterBatch.add(c.model().stateDict());
    }
  }

  @Override
  public void onValidationStart(TrainingContext c, int epoch) {
    events.add("validationStart");
    validating = true;
    stateBeforeValidation.add(c.model().stateDict());
    stepsBeforeValidation.add(c.optimizer().steps());
  }

  @Override
  public void onValidationEnd(TrainingContext c, Evaluation validation) {
    events.add("validationEnd");
    validating = false;
    stateAfterValidation.add(c.model().stateDict());
    stepsAfterValidation.add(c.optimizer().steps());
  }

  @Override
  public void onEpochEnd(TrainingContext c, EpochResult epoch) {
    events.add("epochEnd " + epoch.epoch());
    stateAtEpochEnd.add(c.model().stateDict());
  }

  @Override
  public void onTrainEnd(TrainingContext c, History history) {
    events.add("trainEnd");
  }

  /** Whether two state dicts hold bit-identical values under the same names. */
  public static boolean sameState(Map<String, float[]> a, Map<String, float[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (String k : a.keySet()) {
      if (!Arrays.equals(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  /** A copy of a state dict, in order. */
  public static Map<String, float[]> copy(Map<String, float[]> s) {
    Map<String, float[]> out = new LinkedHashMap<>();
    s.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }
}
