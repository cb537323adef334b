package dev.disciplina.benchmarks;

import dev.disciplina.api.data.Dataset;
import dev.disciplina.api.random.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's contestant: {@code MultiLayerNetwork.fit(iterator)} once per epoch, over batches built
 * before timing (in a shuffled order each epoch). DL4J's momentum updater is Nesterov's ({@code
 * Nesterovs}), the nearest it has to SGD with momentum.
 */
final class Dl4jRuns {

  private Dl4jRuns() {}

  static Measured fit(Workload w, TrainingData data) {
    int[] layers = w.layers();
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(7).weightInit(WeightInit.XAVIER)
        .updater(new Nesterovs(w.learningRate(), w.momentum())).list();
    for (int i = 0; i + 2 < layers.length; i++) {
      list.layer(new DenseLayer.Builder().nIn(layers[i]).nOut(layers[i + 1])
          .activation(Activation.RELU).build());
    }
    int last = layers.length - 2;
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(layers[last])
        .nOut(layers[last + 1]).activation(Activation.SOFTMAX).build());
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();

    Dataset train = data.train();
    int n = train.size();
    int features = train.featureCount();
    int classes = train.classCount();
    float[] x = train.features();
    int[] y = train.labels();
    int[] perm = Rng.seeded(7).split("shuffle").permutation(n);
    List<DataSet> batches = new ArrayList<>();
    for (int s = 0; s < n; s += w.batchSize()) {
      int b = Math.min(w.batchSize(), n - s);
      float[] xb = new float[b * features];
      float[] yb = new float[b * classes];
      for (int i = 0; i < b; i++) {
        System.arraycopy(x, perm[s + i] * features, xb, i * features, features);
        yb[i * classes + y[perm[s + i]]] = 1f;
      }
      INDArray input = Nd4j.create(xb, new long[] {b, features});
      INDArray labels = Nd4j.create(yb, new long[] {b, classes});
      batches.add(new DataSet(input, labels));
    }
    java.util.Random order = new java.util.Random(7);
    EpochClock clock = new EpochClock(w.warmupEpochs(), n);
    for (int epoch = 1; epoch <= w.warmupEpochs() + w.epochs(); epoch++) {
      Collections.shuffle(batches, order);
      long start = System.nanoTime();
      net.fit(new ExistingDataSetIterator(batches));
      clock.add(epoch, System.nanoTime() - start);
    }
    return new Measured(clock.examplesPerSecond(), net.score());
  }
}
