package dev.disciplina.api.random;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity of the batch in flight, for layers that draw random numbers per example: the
 * run's epoch and each row's example id (its row in the training dataset). {@link
 * dev.disciplina.api.nn.Dropout} draws the mask of a row from {@code Rng.keyed(layerSeed,
 * "dropout", epoch, example)}, so a mask depends neither on how the epoch is cut into batches nor
 * on how a batch is split over workers, and a resumed run draws the masks the uninterrupted run
 * would have drawn.
 *
 * <p><b>Lifecycle and threading.</b> The training loop {@link #enter enters} the keys of each
 * batch on its thread for the forward pass and closes them after it; outside that (evaluation, a
 * model used on its own) there are none and layers fall back to their own sequential stream.
 * Thread-confined: each thread sees only what it entered.
 */
public final class ExampleKeys {

  private static final ThreadLocal<ExampleKeys> CURRENT = new ThreadLocal<>();

  private final int epoch;
  private final long[] examples;
  private final ExampleKeys outer;

  private ExampleKeys(int epoch, long[] examples, ExampleKeys outer) {
    this.epoch = epoch;
    this.examples = examples.clone();
    this.outer = outer;
  }

  /** Makes {@code examples} (one id per batch row) of {@code epoch} current until closed. */
  public static Activation enter(int epoch, long[] examples) {
    Objects.requireNonNull(examples, "examples");
    ExampleKeys keys = new ExampleKeys(epoch, examples, CURRENT.get());
    CURRENT.set(keys);
    return new Activation(keys);
  }

  /** The keys of the batch in flight on this thread, if any. */
  public static Optional<ExampleKeys> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** The epoch, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The number of rows. */
  public int rows() {
    return examples.length;
  }

  /** The example id of row {@code row}. */
  public long example(int row) {
    return examples[row];
  }

  /** Closing it restores the keys that were current before. */
  public static final class Activation implements AutoCloseable {
    private final ExampleKeys keys;

    private Activation(ExampleKeys keys) {
      this.keys = keys;
    }

    @Override
    public void close() {
      if (CURRENT.get() == keys) {
        if (keys.outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(keys.outer);
        }
      }
    }
  }
}
