package dev.disciplina.cli;

import dev.disciplina.trainer.BatchResult;
import dev.disciplina.trainer.TrainingContext;
import dev.disciplina.trainer.TrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on stderr: iteration, running loss and ETA. Used only when stderr is
 * a terminal and {@code --quiet} is not given.
 */
final class ConsoleProgress implements TrainingListener {

  private ProgressBar bar;
  private double lossSum;
  private int batches;

  @Override
  public void onEpochStart(TrainingContext context, int epoch) {
    int total = (int) Math.ceil((double) context.train().size() / context.config().batchSize());
    bar = new ProgressBarBuilder()
        .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, context.config().epochs()))
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .setConsumer(new InPlace())
        .build();
    lossSum = 0;
    batches = 0;
  }

  @Override
  public void onBatchEnd(TrainingContext context, BatchResult result) {
    if (bar == null) {
      return;
    }
    lossSum += result.loss();
    batches++;
    bar.maxHint(result.batchesInEpoch());
    bar.step();
    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", lossSum / batches));
  }

  @Override
  public void onValidationStart(TrainingContext context, int epoch) {
    close();
  }

  @Override
  public void onTrainEnd(TrainingContext context, dev.disciplina.trainer.History history) {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /**
   * Draws the bar over itself on stderr and erases it when done, leaving no line behind: the
   * epoch's summary line replaces it.
   */
  private static final class InPlace implements ProgressBarConsumer {
    private static final int WIDTH = 100;
    private int drawn;

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      String line = rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered;
      System.err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      System.err.flush();
      drawn = line.length();
    }

    @Override
    public void close() {
      System.err.print("\r" + " ".repeat(drawn) + "\r");
      System.err.flush();
      drawn = 0;
    }
  }
}
