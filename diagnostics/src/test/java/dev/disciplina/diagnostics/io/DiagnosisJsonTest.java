package dev.disciplina.diagnostics.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.Diagnostics;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Diagnosis JSON")
class DiagnosisJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  @DisplayName("a diagnosis is one line of JSON with file, verdict, cause, confidence, epochs, reasons, advice and measures")
  void fields() throws Exception {
    Path file = CurveReadersTest.fixture("keras-overfitting.csv");
    Diagnosis d = Diagnostics.diagnose(CurveReaders.read(file));
    String json = DiagnosisJson.toJson(file, d);

    assertThat(json).doesNotContain("\n");
    JsonNode o = MAPPER.readTree(json);
    assertThat(o.get("file").asText()).isEqualTo(file.toString());
    assertThat(o.get("verdict").asText()).isEqualTo("OVERFITTING");
    assertThat(o.get("cause").asText()).isEqualTo("VALIDATION_RISING");
    assertThat(o.get("bestEpoch").asInt()).isEqualTo(d.bestEpoch().getAsInt());
    assertThat(o.get("overfittingOnsetEpoch").asInt()).isEqualTo(d.overfittingOnsetEpoch().getAsInt());
    assertThat(o.get("confidence").asDouble()).isBetween(0.5, 1.0);
    assertThat(o.get("reasons").size()).isEqualTo(d.reasons().size());
    assertThat(o.get("advice").get(0).asText()).isEqualTo(d.advice().get(0));
    assertThat(o.get("measures").get("generalizationLoss").asDouble()).isEqualTo(d.measures().generalizationLoss());
    assertThat(o.get("measures").has("gapRatio")).isTrue();
  }

  @Test
  @DisplayName("measures that could not be computed, and absent epochs, are null")
  void nulls() throws Exception {
    Diagnosis d = Diagnostics.diagnose(CurveReaders.read(CurveReadersTest.fixture("keras-nan.csv")));
    JsonNode o = MAPPER.readTree(DiagnosisJson.toJson(d));
    assertThat(o.has("file")).isFalse();
    assertThat(o.get("overfittingOnsetEpoch").isNull()).isTrue();
    assertThat(o.get("measures").get("gapRatio").isNull()).isTrue();
    assertThat(o.get("measures").get("chanceLoss").isNull()).isTrue();
  }

  @Test
  @DisplayName("a file that could not be read renders as {file, error}")
  void error() throws Exception {
    Path file = Path.of("history.csv");
    JsonNode o = MAPPER.readTree(DiagnosisJson.errorToJson(file, new CurveReadException("history.csv", 7, "bad")));
    assertThat(o.get("file").asText()).isEqualTo("history.csv");
    assertThat(o.get("error").asText()).isEqualTo("history.csv:7: bad");
  }
}
