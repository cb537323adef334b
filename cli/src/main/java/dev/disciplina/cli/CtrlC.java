package dev.disciplina.cli;

import dev.disciplina.trainer.BatchResult;
import dev.disciplina.trainer.History;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) during {@code train}: the first asks the trainer to stop through its ordinary
 * stop request, at the next batch boundary this listener sees, so the run ends with the summary
 * of the epochs done and the verdict so far; a second Ctrl-C ends the process at once (exit
 * 130). The handler is installed for the run and the previous one restored after it.
 */
final class CtrlC implements TrainingListener {

  /** The exit code of a run that Ctrl-C ended: 128 + SIGINT. */
  static final int EXIT_CODE = 130;

  /** The stop request's reason, as the run's summary prints it. */
  static final String REASON = "interrupted by Ctrl-C";

  private final PrintWriter err;
  private volatile boolean pressed;
  private SignalHandler previous;

  CtrlC(PrintWriter err) {
    this.err = err;
  }

  /** Whether Ctrl-C was pressed during the run. */
  boolean pressed() {
    return pressed;
  }

  /** What the signal handler does; separate so that a test can press without a signal. */
  void press() {
    if (pressed) {
      err.println("disciplina: interrupted again; quitting");
      err.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
    pressed = true;
    err.println("disciplina: stopping at the end of this epoch; Ctrl-C again to quit at once");
    err.flush();
  }

  @Override
  public void onTrainStart(TrainingContext context) {
    try {
      previous = Signal.handle(new Signal("INT"), signal -> press());
    } catch (IllegalArgumentException e) {
      previous = null; // no SIGINT here (the JVM reserves it): Ctrl-C keeps its default.
    }
  }

  @Override
  public void onBatchEnd(TrainingContext context, BatchResult result) {
    if (pressed) {
      context.requestStop(REASON);
    }
  }

  @Override
  public void onEpochEnd(TrainingContext context, dev.disciplina.trainer.EpochResult epoch) {
    if (pressed) {
      context.requestStop(REASON);
    }
  }

  @Override
  public void onTrainEnd(TrainingContext context, History history) {
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
      previous = null;
    }
  }
}
