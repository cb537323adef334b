package dev.disciplina.api.autograd;

/**
 * Whether operations on {@link Variable}s are recorded for {@link Variable#backward()}.
 *
 * <p>Recording is on by default. Inside {@code try (var off = GradMode.noGrad()) { ... }} nothing
 * is recorded: no graph is built, no gradient can flow, and memory for backward is not kept —
 * what validation and inference need. Per thread; blocks nest.
 */
public final class GradMode {

  private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

  private GradMode() {}

  /** Whether operations on this thread are being recorded. */
  public static boolean isEnabled() {
    return DISABLED.get()[0] == 0;
  }

  /** Stops recording on this thread until the returned handle is closed. */
  public static Guard noGrad() {
    int[] depth = DISABLED.get();
    depth[0]++;
    return new Guard(depth);
  }

  /** Ends a {@link #noGrad()} block; closing it twice has no further effect. */
  public static final class Guard implements AutoCloseable {
    private final int[] depth;
    private boolean closed;

    private Guard(int[] depth) {
      this.depth = depth;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        depth[0]--;
      }
    }
  }
}
