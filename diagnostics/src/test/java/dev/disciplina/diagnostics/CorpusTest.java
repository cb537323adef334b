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

  @Test
  @DisplayName("when the verdict is right, the cause is right too on at least 95% of runs")
  void causes() {
    int right = 0;
    int total = 0;
    Map<String, Integer> wrong = new LinkedHashMap<>();
    for (Map.Entry<CurveCorpus.Run, Diagnosis> e : results.entrySet()) {
      CurveCorpus.Run r = e.getKey();
      Diagnosis d = e.getValue();
      if (d.verdict() != r.label()) {
        continue;
      }
      total++;
      boolean ok = d.cause() == r.cause()
          // the two forms of divergence are the same failure seen at different strengths
          || (r.cause() == Cause.TRAINING_LOSS_RISING && d.cause() == Cause.EXPLODING_LOSS)
          || (r.cause() == Cause.EXPLODING_LOSS && d.cause() == Cause.TRAINING_LOSS_RISING);
      if (ok) {
        right++;
      } else {
        wrong.merge(r.family() + ": " + r.cause() + " -> " + d.cause(), 1, Integer::sum);
      }
    }
    System.out.printf(Locale.ROOT, "causes right on %d of %d correct verdicts; wrong: %s%n", right, total, wrong);
    assertThat(right / (double) total).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  @DisplayName("restoring the reported best epoch of an overfitting run costs at most 3% of validation loss against the true best on at least 90% of runs")
  void onsets() {
    int near = 0;
    int good = 0;
    int total = 0;
    for (Map.Entry<CurveCorpus.Run, Diagnosis> e : results.entrySet()) {
      CurveCorpus.Run r = e.getKey();
      Diagnosis d = e.getValue();
      if (r.onset() < 0 || d.overfittingOnsetEpoch().isEmpty()) {
        continue;
      }
      total++;
      int got = d.bestEpoch().getAsInt();
      if (Math.abs(got - r.onset()) <= Math.max(3, r.curves().size() / 10)) {
        near++;
      }
      double[] clean = r.cleanVal();
      double regret = clean[got - 1] / clean[r.onset() - 1] - 1;
      if (regret <= 0.03) {
        good++;
      } else if (Boolean.getBoolean("corpus.verbose")) {
        System.out.println("ONSET " + r.family() + " n=" + r.curves().size() + " true=" + r.onset() + " got=" + got
            + " regret=" + regret);
      }
    }
    System.out.printf(Locale.ROOT, "best epoch within max(3, n/10) epochs of the true minimum on %d of %d overfitting runs;"
        + " restoring it costs at most 3%% of validation loss on %d of %d%n", near, total, good, total);
    assertThat(total).isGreaterThan(0);
    assertThat(good / (double) total).isGreaterThanOrEqualTo(0.90);
  }
}
