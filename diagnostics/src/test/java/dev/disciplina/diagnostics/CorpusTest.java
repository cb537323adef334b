package dev.disciplina.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("On a seeded corpus of labelled synthetic curve families")
class CorpusTest {

  static final long SEED = 20260101L;
  static final int PER_FAMILY = 60;

  static List<CurveCorpus.Run> corpus;
  static Map<CurveCorpus.Run, Diagnosis> results = new LinkedHashMap<>();

  @BeforeAll
  static void diagnoseAll() {
    corpus = CurveCorpus.generate(SEED, PER_FAMILY);
    for (CurveCorpus.Run r : corpus) {
      results.put(r, Diagnostics.diagnose(r.curves()));
    }
  }

  @Test
  @DisplayName("the verdict agrees with the family's label on at least 90% of runs, and on at least 80% of every family")
  void confusionMatrix() {
    Verdict[] vs = Verdict.values();
    Map<Verdict, Map<Verdict, Integer>> m = new EnumMap<>(Verdict.class);
    for (Verdict v : vs) {
      m.put(v, new EnumMap<>(Verdict.class));
    }
    Map<String, int[]> perFamily = new LinkedHashMap<>();
    int right = 0;
    for (Map.Entry<CurveCorpus.Run, Diagnosis> e : results.entrySet()) {
      CurveCorpus.Run r = e.getKey();
      Verdict got = e.getValue().verdict();
      m.get(r.label()).merge(got, 1, Integer::sum);
      int[] f = perFamily.computeIfAbsent(r.family(), k -> new int[2]);
      f[1]++;
      if (got == r.label()) {
        right++;
        f[0]++;
      } else if (Boolean.getBoolean("corpus.verbose")) {
        System.out.println("MISS " + r.family() + " -> " + got + " " + e.getValue().cause() + " " + e.getValue().reasons());
      }
    }
    StringBuilder sb = new StringBuilder("\nConfusion matrix over " + corpus.size() + " runs (rows: label, columns: verdict)\n");
    sb.append(String.format(Locale.ROOT, "%-13s", "label"));
    for (Verdict v : vs) {
      sb.append(String.format(Locale.ROOT, "%13s", v));
    }
    sb.append('\n');
    for (Verdict row : vs) {
      sb.append(String.format(Locale.ROOT, "%-13s", row));
      for (Verdict col : vs) {
        sb.append(String.format(Locale.ROOT, "%13d", m.get(row).getOrDefault(col, 0)));
      }
      sb.append('\n');
    }
    double accuracy = right / (double) corpus.size();
    sb.append(String.format(Locale.ROOT, "overall accuracy %.1f%% (%d/%d)%n", 100 * accuracy, right, corpus.size()));
    perFamily.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %3d/%3d%n", k, v[0], v[1])));
    System.out.println(sb);

    assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    perFamily.forEach((k, v) -> assertThat(v[0] / (double) v[1]).as(k).isGreaterThanOrEqualTo(0.80));
  }
}
