package dev.disciplina.trainer;

import dev.disciplina.api.autograd.GradMode;
import dev.disciplina.api.autograd.Variable;
import dev.disciplina.api.data.Batch;
import dev.disciplina.api.data.Batching;
import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.metrics.ConfusionMatrix;
import dev.disciplina.api.metrics.Metric;
import dev.disciplina.api.metrics.Metrics;
import dev.disciplina.api.nn.Mode;
import dev.disciplina.api.nn.Module;
import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a model on a dataset the way validation must: in evaluation mode, under {@link
 * GradMode#noGrad()}, batch by batch in dataset order, each batch in its own {@link Scope}. It
 * never changes a parameter and never calls an optimizer.
 *
 * <p>The loss is the mean over examples (batch means weighted by batch size). Metrics are
 * accuracy and macro precision, recall and F1 for classification — the predicted class is the
 * row's largest output, or a logit above 0 for a single-column output — and MAE and RMSE for
 * regression.
 */
public final class Evaluator {

  private final Loss loss;
  private final TargetEncoding encoding;
  private final int batchSize;

  public Evaluator(Loss loss, TargetEncoding encoding, int batchSize) {
    this.loss = loss;
    this.encoding = encoding;
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * The target encoding {@code loss} expects for {@code data}, as the loss declares it ({@link
   * Loss#targetEncoding(Dataset)}).
   */
  public static TargetEncoding encodingFor(Loss loss, Dataset data) {
    return loss.targetEncoding(data);
  }

  /** The metric keys this evaluator reports for {@code data}. */
  public static List<String> metricKeys(Dataset data) {
    return data.isClassification()
        ? List.of(Metric.ACCURACY.key(), Metric.PRECISION.key(), Metric.RECALL.key(),
            Metric.F1.key())
        : List.of(Metric.MAE.key(), Metric.RMSE.key());
  }

  /**
   * Evaluates {@code model} on {@code data} in the current scope's backend. The model is put in
   * evaluation mode and left in the mode it had.
   */
  public Evaluation evaluate(Module model, Dataset data) {
    Mode before = model.mode();
    model.eval();
    try (GradMode.Guard off = GradMode.noGrad()) {
      return run(model, data);
    } finally {
      if (before == Mode.TRAIN) {
        model.train();
      }
    }
  }

  private Evaluation run(Module model, Dataset data) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("cannot evaluate on the empty dataset '" + data.name()
          + "'");
    }
    boolean classification = data.isClassification();
    int n = data.size();
    int[] actual = classification ? new int[n] : null;
    int[] predicted = classification ? new int[n] : null;
    float[] targets = classification ? null : new float[n * data.targetWidth()];
    float[] outputs = classification ? null : new float[n * data.targetWidth()];
    double lossSum = 0;
    int seen = 0;
    for (Batch batch : Batching.sequential(batchSize).inOrder(data)) {
      try (Scope step = Scope.open()) {
        Tensor x = batch.inputs();
        Tensor y = batch.targets(encoding);
        Variable out = model.forward(x);
        double l = loss.apply(out, y).value().item();
        lossSum += l * batch.size();
        float[] o = out.value().toArray();
        if (classification) {
          int cols = out.shape().rank() == 2 ? out.shape().cols() : 1;
          int[] p = cols == 1 ? Metrics.thresholdLogits(o) : Metrics.argmaxRows(o, cols);
          int[] a = batch.labels();
          System.arraycopy(a, 0, actual, seen, a.length);
          System.arraycopy(p, 0, predicted, seen, p.length);
        } else {
          float[] t = batch.targetValues();
          if (o.length != t.length) {
            throw new IllegalArgumentException("model output of " + out.shape()
                + " does not match " + data.targetWidth() + " targets per example");
          }
          System.arraycopy(t, 0, targets, seen * data.targetWidth(), t.length);
          System.arraycopy(o, 0, outputs, seen * data.targetWidth(), o.length);
        }
        seen += batch.size();
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (classification) {
      int k = Math.max(2, data.classCount());
      ConfusionMatrix m = ConfusionMatrix.of(k, actual, predicted);
      metrics.put(Metric.ACCURACY.key(), m.accuracy());
      metrics.put(Metric.PRECISION.key(), m.macroPrecision());
      metrics.put(Metric.RECALL.key(), m.macroRecall());
      metrics.put(Metric.F1.key(), m.macroF1());
    } else {
      metrics.put(Metric.MAE.key(), Metrics.meanAbsoluteError(targets, outputs));
      metrics.put(Metric.RMSE.key(), Metrics.rootMeanSquaredError(targets, outputs));
    }
    return new Evaluation(data.name(), lossSum / n, metrics, n);
  }
}
