package dev.disciplina.trainer.manifest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What differs between a run and a baseline run, by their manifests: one {@link Change} per
 * configuration key, for the data, the backend and engine, and the versions of Disciplina, Java
 * and the OS. {@link #factors()} counts the independent things that changed — a change of data
 * that a data-defining setting explains ({@code dataset}, {@code seed}, {@code val-fraction},
 * ...) is a consequence, not another factor — so that a comparison can warn when a difference
 * in the curves cannot be put down to one cause.
 *
 * @param changes every difference, configuration keys first, in the baseline's key order
 * @param dataDiffers whether the two runs trained or validated on different data, which makes
 *     their losses incomparable
 */
public record RunComparison(List<Change> changes, boolean dataDiffers) {

  /**
   * Configuration keys that decide which examples land in which split: when one of them changed,
   * a change of the data's hash is its consequence.
   */
  public static final Set<String> DATA_KEYS = Set.of("dataset", "seed", "val-fraction",
      "train-limit", "label", "header", "task");

  /** The key of the data's change. */
  public static final String DATA = "data";

  public RunComparison {
    changes = List.copyOf(changes);
  }

  /**
   * One difference.
   *
   * @param key the configuration key, or {@code data}, {@code backend}, {@code engine},
   *     {@code disciplina}, {@code java}, {@code os}
   * @param baseline the baseline's value ({@code (unset)} when it has none)
   * @param value this run's value
   */
  public record Change(String key, String baseline, String value) {}

  /** Compares {@code run} with {@code baseline}. */
  public static RunComparison of(RunManifest baseline, RunManifest run) {
    List<Change> out = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(baseline.configuration().keySet());
    keys.addAll(run.configuration().keySet());
    for (String key : keys) {
      add(out, key, baseline.configuration().get(key), run.configuration().get(key));
    }
    boolean dataDiffers = !baseline.data().trainSha256().equals(run.data().trainSha256())
        || !Objects.equals(baseline.data().validationSha256(), run.data().validationSha256());
    if (dataDiffers) {
      out.add(new Change(DATA, describe(baseline.data()), describe(run.data())));
    }
    add(out, "backend", baseline.backend().name(), run.backend().name());
    if (baseline.backend().name().equals(run.backend().name())) {
      add(out, "engine", baseline.backend().engine(), run.backend().engine());
    }
    add(out, "disciplina", baseline.environment().disciplina(), run.environment().disciplina());
    add(out, "java", baseline.environment().java(), run.environment().java());
    add(out, "os", baseline.environment().os(), run.environment().os());
    return new RunComparison(out, dataDiffers);
  }

  /**
   * The independent things that changed, by key: every change but a change of data that a
   * changed data-defining key explains.
   */
  public List<String> factors() {
    boolean explained = changes.stream().anyMatch(c -> DATA_KEYS.contains(c.key()));
    return changes.stream().map(Change::key)
        .filter(k -> !(k.equals(DATA) && explained)).toList();
  }

  /** Whether nothing differs. */
  public boolean identical() {
    return changes.isEmpty();
  }

  private static void add(List<Change> out, String key, String a, String b) {
    if (!Objects.equals(a, b)) {
      out.add(new Change(key, a == null ? "(unset)" : a, b == null ? "(unset)" : b));
    }
  }

  private static String describe(RunManifest.DataIdentity d) {
    return d.name() + " (" + d.trainSize() + "/" + d.validationSize() + " examples, sha256 "
        + d.trainSha256().substring(0, Math.min(12, d.trainSha256().length())) + "/"
        + (d.validationSha256() == null ? "-"
            : d.validationSha256().substring(0, Math.min(12, d.validationSha256().length())))
        + ")";
  }

  /** The changes as a map from key to change, in order. */
  public Map<String, Change> byKey() {
    Map<String, Change> m = new java.util.LinkedHashMap<>();
    changes.forEach(c -> m.put(c.key(), c));
    return m;
  }
}
