package dev.disciplina.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.diagnostics.io.CurveFormat;
import dev.disciplina.diagnostics.io.CurveReadException;
import dev.disciplina.diagnostics.io.CurveReaders;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("On real learning curves that people published, labelled by an expert")
class RealCorpusTest {

  /** The rows of the confusion matrix: the corpus labels. */
  static final List<String> LABELS = List.of("HEALTHY", "OVERFIT", "UNDERFIT", "UNDERFIT(still-improving)", "DIVERGING");

  /**
   * Lightning logs whose training loss was logged per step (no epoch aggregate): the reader takes
   * the mean of an epoch's logged steps, the record the last one; they differ by a few percent.
   */
  static final Set<String> STEP_MEAN = Set.of("christina-stock-direction-ln2", "christina-stock-direction-v13");

  static final Map<String, Diagnosis> results = new LinkedHashMap<>();

  @BeforeAll
  static void diagnoseAll() {
    // -Dcorpus.records=true diagnoses the records' own arrays instead of the raw files: it tells a
    // reader problem from a rule problem.
    boolean records = Boolean.getBoolean("corpus.records");
    for (RealCorpus.Run r : RealCorpus.labelled()) {
      try {
        results.put(r.id(), Diagnostics.diagnose(records ? LearningCurves.of(r.trainLoss(), r.valLoss()) : read(r)));
      } catch (CurveReadException e) {
        // scored as a miss; readersGiveTheRecordedLosses names it
        System.out.println("UNREADABLE " + e.getMessage());
      }
    }
  }

  /** Reads the raw file exactly as {@code disciplina diagnose [--run N] raw/FILE} does. */
  static LearningCurves read(RealCorpus.Run r) throws CurveReadException {
    List<LearningCurves> runs = CurveReaders.readRuns(r.raw(), CurveFormat.AUTO);
    return r.run().isPresent() ? runs.get(r.run().getAsInt() - 1) : runs.get(runs.size() - 1);
  }

  @Test
  @DisplayName("every raw file is read, without conversion, to the losses the record holds")
  void readersGiveTheRecordedLosses() throws CurveReadException {
    List<String> unreadable = new ArrayList<>();
    for (RealCorpus.Run r : RealCorpus.labelled()) {
      LearningCurves c;
      try {
        c = read(r);
      } catch (CurveReadException e) {
        unreadable.add(e.getMessage());
        continue;
      }
      if (c.size() != r.trainLoss().length) {
        unreadable.add(r.id() + ": " + c.size() + " epochs read, the record has " + r.trainLoss().length);
        continue;
      }
      for (int i = 0; i < c.size(); i++) {
        double trainTolerance = STEP_MEAN.contains(r.id()) ? 0.05 : 1e-9;
        if (!same(c.trainLoss().get(i), r.trainLoss()[i], trainTolerance)
            || !same(c.valLoss().get(i), r.valLoss()[i], 1e-9)) {
          unreadable.add(r.id() + ": epoch " + (i + 1) + " read as " + c.trainLoss().get(i) + ", " + c.valLoss().get(i)
              + "; the record has " + r.trainLoss()[i] + ", " + r.valLoss()[i]);
          break;
        }
      }
    }
    assertThat(unreadable).isEmpty();
  }

  @Test
  @DisplayName("every ambiguous run is read and diagnosed without an error")
  void ambiguousRunsAreRead() throws CurveReadException {
    for (RealCorpus.Run r : RealCorpus.ambiguous()) {
      LearningCurves c = read(r);
      assertThat(c.size()).as(r.id() + " epochs").isEqualTo(r.trainLoss().length);
      assertThat(Diagnostics.diagnose(c).verdict()).as(r.id()).isNotNull();
    }
  }

  @Test
  @DisplayName("the verdict agrees with the label on at least 90% of runs, with an overfitting F1 of at least 0.91")
  void agreement() {
    Score all = score("all runs", r -> true);
    Score dev = score("development half", RealCorpus.Run::development);
    Score held = score("held-out half", r -> !r.development());
    System.out.println(dev.report() + held.report() + all.report());
    if (Boolean.getBoolean("corpus.verbose")) {
      RealCorpus.labelled().forEach(r -> {
        Diagnosis d = results.get(r.id());
        if (d != null && !right(r.label(), d.verdict())) {
          System.out.println("MISS " + (r.development() ? "dev " : "held ") + r.id() + " " + r.label() + " -> "
              + d.verdict() + " " + d.cause() + " " + d.measures().asMap());
        }
      });
    }
    assertThat(all.agreement()).isGreaterThanOrEqualTo(0.90);
    assertThat(all.overfittingF1()).isGreaterThanOrEqualTo(0.91);
  }

  static boolean right(String label, Verdict v) {
    return switch (label) {
      case "HEALTHY" -> v == Verdict.HEALTHY;
      case "OVERFIT" -> v == Verdict.OVERFITTING;
      case "UNDERFIT" -> v == Verdict.UNDERFITTING;
      case "UNDERFIT(still-improving)" -> v == Verdict.UNDERFITTING || v == Verdict.INCONCLUSIVE;
      case "DIVERGING" -> v == Verdict.DIVERGING;
      default -> throw new IllegalArgumentException("unknown label " + label);
    };
  }

  static Score score(String name, Predicate<RealCorpus.Run> which) {
    Map<String, Map<Verdict, Integer>> m = new LinkedHashMap<>();
    LABELS.forEach(l -> m.put(l, new EnumMap<>(Verdict.class)));
    int right = 0;
    int total = 0;
    int truePositive = 0;
    int predicted = 0;
    int actual = 0;
    for (RealCorpus.Run r : RealCorpus.labelled()) {
      if (!which.test(r)) {
        continue;
      }
      String label = r.label();
      Diagnosis d = results.get(r.id());
      // a file that cannot be read counts as INCONCLUSIVE: no verdict
      Verdict v = d == null ? Verdict.INCONCLUSIVE : d.verdict();
      m.get(label).merge(v, 1, Integer::sum);
      total++;
      right += right(label, v) ? 1 : 0;
      boolean overfit = label.equals("OVERFIT");
      actual += overfit ? 1 : 0;
      predicted += v == Verdict.OVERFITTING ? 1 : 0;
      truePositive += overfit && v == Verdict.OVERFITTING ? 1 : 0;
    }
    return new Score(name, m, right, total, truePositive, predicted, actual);
  }

  record Score(String name, Map<String, Map<Verdict, Integer>> matrix, int right, int total, int truePositive,
      int predicted, int actual) {

    double agreement() {
      return right / (double) total;
    }

    double overfittingF1() {
      return 2.0 * truePositive / (predicted + actual);
    }

    String report() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "%nReal curves, %s: %d runs (rows: label, columns: verdict)%n%-26s", name, total, "label"));
      for (Verdict v : Verdict.values()) {
        sb.append(String.format(Locale.ROOT, "%13s", v));
      }
      sb.append('\n');
      matrix.forEach((label, row) -> {
        sb.append(String.format(Locale.ROOT, "%-26s", label));
        for (Verdict v : Verdict.values()) {
          sb.append(String.format(Locale.ROOT, "%13d", row.getOrDefault(v, 0)));
        }
        sb.append('\n');
      });
      double precision = predicted == 0 ? Double.NaN : truePositive / (double) predicted;
      double recall = actual == 0 ? Double.NaN : truePositive / (double) actual;
      sb.append(String.format(Locale.ROOT,
          "agreement %.1f%% (%d/%d); overfitting precision %.2f, recall %.2f, F1 %.2f%n",
          100 * agreement(), right, total, precision, recall, overfittingF1()));
      return sb.toString();
    }
  }

  private static boolean same(double got, double want, double relative) {
    return Double.isNaN(want) ? Double.isNaN(got) : Math.abs(got - want) <= relative * Math.max(1, Math.abs(want));
  }

  static List<RealCorpus.Run> all() {
    List<RealCorpus.Run> runs = new ArrayList<>(RealCorpus.labelled());
    runs.addAll(RealCorpus.ambiguous());
    return runs;
  }
}
