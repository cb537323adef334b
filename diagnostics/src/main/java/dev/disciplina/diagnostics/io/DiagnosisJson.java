package dev.disciplina.diagnostics.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.disciplina.diagnostics.Diagnosis;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Renders a {@link Diagnosis} as one JSON object on one line, for {@code disciplina diagnose
 * --json}:
 *
 * <pre>{@code
 * {"file":"runs/a.csv","verdict":"OVERFITTING","cause":"VALIDATION_RISING","confidence":0.87,
 *  "bestEpoch":12,"overfittingOnsetEpoch":12,"reasons":["..."],"advice":["..."],
 *  "measures":{"epochs":40,"gapRatio":0.85,"generalizationLoss":18.4,...}}
 * }</pre>
 *
 * <p>Absent epochs and measures that could not be computed (NaN) are {@code null}. A file that
 * could not be read renders as {@code {"file":"...","error":"..."}} ({@link #errorToJson}).
 */
public final class DiagnosisJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DiagnosisJson() {}

  /** The diagnosis of {@code file} as a one-line JSON object. */
  public static String toJson(Path file, Diagnosis d) {
    return write(toNode(file == null ? null : file.toString(), d));
  }

  /** The diagnosis as a one-line JSON object, without a {@code file} field. */
  public static String toJson(Diagnosis d) {
    return write(toNode(null, d));
  }

  /** A one-line JSON object for a file that could not be read: {@code {"file":..., "error":...}}. */
  public static String errorToJson(Path file, CurveReadException error) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("file", file.toString());
    o.put("error", error.getMessage());
    return write(o);
  }

  /** The diagnosis as a Jackson tree, for callers that add fields of their own. */
  public static ObjectNode toNode(String file, Diagnosis d) {
    ObjectNode o = MAPPER.createObjectNode();
    if (file != null) {
      o.put("file", file);
    }
    o.put("verdict", d.verdict().name());
    o.put("cause", d.cause().name());
    o.put("confidence", Math.round(d.confidence() * 1000) / 1000.0);
    putEpoch(o, "bestEpoch", d.bestEpoch());
    putEpoch(o, "overfittingOnsetEpoch", d.overfittingOnsetEpoch());
    ArrayNode reasons = o.putArray("reasons");
    d.reasons().forEach(reasons::add);
    ArrayNode advice = o.putArray("advice");
    d.advice().forEach(advice::add);
    ObjectNode m = o.putObject("measures");
    for (Map.Entry<String, Number> e : d.measures().asMap().entrySet()) {
      Number v = e.getValue();
      if (v instanceof Integer i) {
        m.put(e.getKey(), i);
      } else if (v.doubleValue() != v.doubleValue() || Double.isInfinite(v.doubleValue())) {
        m.putNull(e.getKey());
      } else {
        m.put(e.getKey(), v.doubleValue());
      }
    }
    return o;
  }

  private static void putEpoch(ObjectNode o, String name, OptionalInt epoch) {
    if (epoch.isPresent()) {
      o.put(name, epoch.getAsInt());
    } else {
      o.putNull(name);
    }
  }

  private static String write(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
