package dev.disciplina.backend.djl;

import dev.disciplina.trainer.LoopRulesKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("loop rules on backend-djl")
class DjlLoopRulesTest extends LoopRulesKit {
  @Override
  protected String backendName() {
    return "djl";
  }
}
