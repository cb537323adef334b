package dev.disciplina.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.data.EmbeddedDatasets;
import dev.disciplina.api.data.Split;
import dev.disciplina.api.loss.Loss;
import dev.disciplina.api.nn.Linear;
import dev.disciplina.api.nn.ReLU;
import dev.disciplina.api.nn.Sequential;
import dev.disciplina.api.optim.Adam;
import dev.disciplina.api.random.Rng;
import dev.disciplina.api.tensor.Backends;
import dev.disciplina.diagnostics.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OnlineDiagnosis")
class OnlineDiagnosisTest {

  @Test
  @DisplayName("diagnoses after every epoch; after the last it says what the whole history says")
  void formsTheVerdict() {
    Split iris = Split.random(EmbeddedDatasets.iris(), 0.2, 0, Rng.seeded(1)).standardized();
    OnlineDiagnosis online = new OnlineDiagnosis(false);
    List<Diagnosis> seen = new ArrayList<>();
    TrainingListener watch = new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingContext c, EpochResult e) {
        seen.add(online.current().orElseThrow());
      }
    };
    History h = new Trainer(TrainingConfig.builder().epochs(8).batchSize(16).seed(1).build(),
        Backends.named("cpu"), List.of(online, watch)).fit(Experiment.of(
            rng -> new Sequential(new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng)),
            m -> Adam.adam(m.parameters()).learningRate(1e-2).build(),
            Loss.softmaxCrossEntropy()), iris);
    assertThat(seen).hasSize(8);
    assertThat(h.stopReason()).isEqualTo(StopReason.COMPLETED);
    Diagnosis offline = h.diagnose();
    Diagnosis last = seen.get(seen.size() - 1);
    assertThat(last.verdict()).isEqualTo(offline.verdict());
    assertThat(last.cause()).isEqualTo(offline.cause());
    assertThat(last.bestEpoch()).isEqualTo(offline.bestEpoch());
  }
}
