package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.data.TargetEncoding;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the divergence guard")
class DivergenceGuardTest {

  @Test
  @DisplayName("after Adam at a learning rate of 1e9 diverges, the message names the epoch kept and its weights have a finite validation loss")
  void keepsSoundWeights() {
    Split digits = Split.random(EmbeddedDatasets.digits(), 0.2, 0, Rng.seeded(1)).standardized();
    double[] keptLoss = {Double.NaN};
    TrainingListener check = new TrainingListener() {
      @Override
      public void onTrainEnd(TrainingContext context, History history) {
        keptLoss[0] = new Evaluator(Loss.softmaxCrossEntropy(), TargetEncoding.ONE_HOT, 256)
            .evaluate(context.model(), context.validation()).loss();
      }
    };
    Experiment e = Experiment.of(rng -> new Sequential(new Linear(64, 64, rng), new ReLU(),
        new Linear(64, 64, rng), new ReLU(), new Linear(64, 64, rng), new ReLU(),
        new Linear(64, 10, rng)), m -> Adam.adam(m.parameters()).learningRate(1e9).build(),
        Loss.softmaxCrossEntropy());
    History h = new Trainer(TrainingConfig.builder().epochs(20).batchSize(32).seed(2).build(),
        Backends.named("cpu"), List.of(check)).fit(e, digits);

    assertThat(h.stopReason()).isEqualTo(StopReason.DIVERGED);
    Matcher kept = Pattern.compile("kept the weights (of epoch|after batch [0-9]+ of epoch) ([0-9]+)")
        .matcher(h.stopDetail());
    assertThat(kept.find()).as(h.stopDetail()).isTrue();
    assertThat(h.weightsFromEpoch()).isEqualTo(Integer.parseInt(kept.group(2)));
    assertThat(keptLoss[0]).as("validation loss of the weights kept").isFinite();
  }
}
