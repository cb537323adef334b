package dev.disciplina.trainer;

import org.junit.jupiter.api.DisplayName;

@DisplayName("loop rules on backend-cpu")
class CpuLoopRulesTest extends LoopRulesKit {
  @Override
  protected String backendName() {
    return "cpu";
  }
}
