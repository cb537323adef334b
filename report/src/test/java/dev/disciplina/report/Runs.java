package dev.disciplina.report;

import dev.disciplina.diagnostics.Cause;
import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.LearningCurves;
import dev.disciplina.diagnostics.Measures;
import dev.disciplina.diagnostics.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Fixed runs for the tests: deterministic curves with every series a report draws, each with a
 * fixed diagnosis, so the golden files test the drawing and not the diagnosis rules (which the
 * diagnostics module tunes on its own).
 */
final class Runs {

  private Runs() {}

  private static Diagnosis diagnosis(Verdict verdict, Cause cause, int best, int onset, double bestValLoss,
      String reason, String advice) {
    Measures m = Measures.builder().epochs(20).bestValLoss(bestValLoss).gapRatio(0.5).noise(0.02).build();
    return new Diagnosis(verdict, cause, OptionalInt.of(best), onset > 0 ? OptionalInt.of(onset) : OptionalInt.empty(),
        m, 0.9, List.of(reason), List.of(advice));
  }

  /** 20 epochs of a 10-class run that overfits from about epoch 8, with batch spread and a step schedule. */
  static RunReport overfitting() {
    int n = 20;
    List<Double> train = new ArrayList<>();
    List<Double> std = new ArrayList<>();
    List<Double> trainEval = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    List<Double> trainAcc = new ArrayList<>();
    List<Double> valAcc = new ArrayList<>();
    List<Double> lr = new ArrayList<>();
    for (int e = 1; e <= n; e++) {
      double t = 2.2 * Math.exp(-0.25 * e) + 0.02;
      train.add(t);
      std.add(0.3 * t);
      trainEval.add(t * 0.9);
      val.add(2.2 * Math.exp(-0.3 * e) + 0.25 + 0.012 * Math.max(0, e - 8) * Math.max(0, e - 8) / 4
          + (e % 3 == 0 ? 0.01 : 0));
      trainAcc.add(Math.min(0.999, 1 - 0.9 * Math.exp(-0.3 * e)));
      valAcc.add(Math.min(0.95, 1 - 0.9 * Math.exp(-0.28 * e)) - 0.004 * Math.max(0, e - 10));
      lr.add(e <= 10 ? 1e-3 : 1e-4);
    }
    LearningCurves c = LearningCurves.builder().trainLoss(train).valLoss(val).trainEvalLoss(trainEval)
        .trainAccuracy(trainAcc).valAccuracy(valAcc).metric(RunReport.TRAIN_LOSS_STD, std)
        .metric(RunReport.LEARNING_RATE, lr).classes(10).build();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("dataset", "digits");
    config.put("model", "mlp:256,256");
    config.put("optimizer", "adam lr 0.001");
    config.put("seed", "1");
    return RunReport.of("overfit", c).withDiagnosis(diagnosis(Verdict.OVERFITTING, Cause.VALIDATION_RISING, 11, 11,
        0.3581, "validation loss was lowest at epoch 11 and has risen since", "Stop early: restore the weights of epoch 11."))
        .withWeightsFromEpoch(20).withMajorityBaseline(0.102).withConfiguration(config);
  }

  /** 12 epochs of a small regression run that converges, with MAE and RMSE. */
  static RunReport regression() {
    int n = 12;
    List<Double> train = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    List<Double> mae = new ArrayList<>();
    List<Double> valMae = new ArrayList<>();
    for (int e = 1; e <= n; e++) {
      train.add(30 * Math.exp(-0.5 * e) + 1);
      val.add(30 * Math.exp(-0.5 * e) + 1.2 + (e % 2 == 0 ? 0.03 : -0.03));
      mae.add(Math.sqrt(train.get(e - 1)) * 0.8);
      valMae.add(Math.sqrt(val.get(e - 1)) * 0.8);
    }
    LearningCurves c = LearningCurves.builder().trainLoss(train).valLoss(val).metric("train_mae", mae)
        .metric("val_mae", valMae).build();
    return RunReport.of("regression", c).withDiagnosis(diagnosis(Verdict.HEALTHY, Cause.CONVERGED, 11, 0, 1.293,
        "validation loss has converged near its best", "Nothing urgent.")).withConfiguration(Map.of("dataset", "csv:houses.csv"));
  }

  /** 15 epochs that stop while still improving, epochs numbered from 0 as Keras does. */
  static RunReport underfitting() {
    int n = 15;
    double[] train = new double[n];
    double[] val = new double[n];
    double[] trainAcc = new double[n];
    double[] valAcc = new double[n];
    for (int i = 0; i < n; i++) {
      train[i] = 2.3 - 0.08 * i;
      val[i] = 2.31 - 0.078 * i;
      trainAcc[i] = 0.1 + 0.03 * i;
      valAcc[i] = 0.1 + 0.029 * i;
    }
    LearningCurves c = LearningCurves.builder().firstEpoch(0).trainLoss(train).valLoss(val).trainAccuracy(trainAcc)
        .valAccuracy(valAcc).classes(10).build();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("dataset", "digits");
    config.put("model", "mlp:4");
    config.put("optimizer", "sgd lr 0.002");
    config.put("seed", "1");
    return RunReport.of("underfit", c).withDiagnosis(diagnosis(Verdict.UNDERFITTING, Cause.STILL_IMPROVING, 14, 0,
        1.218, "validation loss was still falling when training stopped", "Train longer.")).withConfiguration(config);
  }
}
