package dev.disciplina.trainer;

import dev.disciplina.diagnostics.Diagnosis;
import dev.disciplina.diagnostics.OnlineDiagnostician;
import java.util.Optional;

/**
 * A listener that diagnoses the curves after every epoch, so a progress display can show the
 * verdict as it forms. With {@code stopWhenConfirmed}, it also asks the trainer to stop once the
 * diagnostics module confirms overfitting or divergence.
 *
 * <p>The chance level is passed on to the diagnosis when the run's loss declares one ({@link
 * dev.disciplina.api.loss.Loss#chanceLoss(int)}). To stop on the diagnosis and restore the
 * epoch it names, use the stop policy {@link DiagnosisStopping}
 * ({@link TrainingConfig.Builder#stopOnDiagnosis(boolean)}).
 *
 * <p>One instance per run: it keeps the curves of the run it watches, and starts afresh when a
 * new run starts.
 */
public final class OnlineDiagnosis implements TrainingListener {

  private final boolean stopWhenConfirmed;
  private OnlineDiagnostician diagnostician;
  private Diagnosis current;

  public OnlineDiagnosis(boolean stopWhenConfirmed) {
    this.stopWhenConfirmed = stopWhenConfirmed;
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    diagnostician = Curves.onlineDiagnostician(context.loss(), context.train());
    current = null;
    for (EpochResult earlier : context.epochs()) {
      current = diagnostician.add(earlier.toDiagnostics());
    }
  }

  @Override
  public void onEpochEnd(TrainingContext context, EpochResult epoch) {
    if (diagnostician == null) {
      onTrainStart(context);
    }
    current = diagnostician.add(epoch.toDiagnostics());
    if (stopWhenConfirmed && diagnostician.shouldStop()) {
      context.requestStop("the online diagnosis confirmed " + current.verdict());
    }
  }

  /** The diagnosis after the last epoch, if any. */
  public Optional<Diagnosis> current() {
    return Optional.ofNullable(current);
  }
}
