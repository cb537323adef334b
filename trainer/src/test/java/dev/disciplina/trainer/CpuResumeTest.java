package dev.disciplina.trainer;

import org.junit.jupiter.api.DisplayName;

@DisplayName("checkpoints and exact resume on backend-cpu")
class CpuResumeTest extends ResumeKit {
  @Override
  protected String backendName() {
    return "cpu";
  }
}
