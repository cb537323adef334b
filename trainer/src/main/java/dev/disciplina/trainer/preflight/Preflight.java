package dev.disciplina.trainer.preflight;

import dev.disciplina.api.data.Split;
import dev.disciplina.api.tensor.Backend;
import dev.disciplina.trainer.Experiment;
import dev.disciplina.trainer.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the preflight checklist, in order: the data first (finite values, split leak, class
 * balance, feature scale), then fresh models (initial loss, examples not mixed across the batch,
 * overfit one batch, uses its input, checkpoint round-trip). A check that throws is reported as a
 * failure with its message, and the others still run.
 *
 * <p>The checks never touch the user's model or optimizer: they build their own from the
 * experiment and the seed. Immutable and reusable; a run happens on the calling thread.
 */
public final class Preflight {

  private final List<PreflightCheck> checks;

  private Preflight(List<PreflightCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The standard checklist. */
  public static Preflight standard() {
    return new Preflight(standardChecks());
  }

  /** A checklist of exactly {@code checks}, in order. */
  public static Preflight of(List<? extends PreflightCheck> checks) {
    return new Preflight(new ArrayList<>(checks));
  }

  /** The standard checks, in the order they run. */
  public static List<PreflightCheck> standardChecks() {
    return List.of(
        new FiniteValuesCheck(),
        new SplitLeakCheck(),
        new ClassBalanceCheck(),
        new FeatureScaleCheck(),
        new InitialLossCheck(),
        new BatchIndependenceCheck(),
        new OverfitOneBatchCheck(),
        new UsesInputCheck(),
        new CheckpointRoundTripCheck());
  }

  public List<PreflightCheck> checks() {
    return checks;
  }

  /** Checks {@code experiment} on {@code split} with {@code config}'s seed and batch size. */
  public PreflightReport run(Experiment experiment, Split split, TrainingConfig config,
      Backend backend) {
    return run(new PreflightSubject(experiment, split.train(), split.validation(), split.test(),
        config.seed(), config.batchSize(), backend));
  }

  /** Runs every check on {@code subject}. */
  public PreflightReport run(PreflightSubject subject) {
    return run(subject, r -> { });
  }

  /** Runs every check on {@code subject}, handing each result to {@code onResult} as it comes. */
  public PreflightReport run(PreflightSubject subject, Consumer<CheckResult> onResult) {
    List<CheckResult> results = new ArrayList<>();
    for (PreflightCheck check : checks) {
      CheckResult r;
      try {
        r = check.run(subject);
      } catch (RuntimeException e) {
        r = CheckResult.fail(check.name(), "the check could not run: " + e.getMessage());
      }
      results.add(r);
      onResult.accept(r);
    }
    return new PreflightReport(results);
  }
}
