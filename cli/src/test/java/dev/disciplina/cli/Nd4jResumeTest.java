package dev.disciplina.cli;

import dev.disciplina.trainer.ResumeKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("checkpoints and exact resume on backend-nd4j")
class Nd4jResumeTest extends ResumeKit {
  @Override
  protected String backendName() {
    return "nd4j";
  }
}
