package dev.disciplina.cli;

import dev.disciplina.trainer.ResumeKit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("checkpoints and exact resume on backend-djl")
class DjlResumeTest extends ResumeKit {
  @Override
  protected String backendName() {
    return "djl";
  }
}
