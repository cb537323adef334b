package dev.disciplina.backend.nd4j;

import dev.disciplina.trainer.LoopRulesKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("loop rules on backend-nd4j")
class Nd4jLoopRulesTest extends LoopRulesKit {
  @Override
  protected String backendName() {
    return "nd4j";
  }
}
