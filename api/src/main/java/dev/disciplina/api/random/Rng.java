package dev.disciplina.api.random;

/**
 * The one seeded, splittable source of randomness of a run: initial weights, shuffles and
 * dropout masks all come from it, drawn in Java, so one seed gives the same numbers on every
 * backend, every JVM and every run.
 *
 * <p>The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), written out here rather than taken from {@link
 * java.util.SplittableRandom} so that its outputs — including {@link #nextGaussian()} — are fixed
 * by this code, not by a JDK version. {@link #split(String)} derives an independent stream from a
 * label, so adding a random draw in one place (dropout, say) does not shift the numbers of
 * another (the shuffle).
 *
 * <p>Not thread-safe: give each thread its own {@link #split()}.
 */
public final class Rng {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;
  private final long seed;

  private Rng(long seed) {
    this.seed = seed;
    this.state = seed;
  }

  /** A generator started from {@code seed}. */
  public static Rng seeded(long seed) {
    return new Rng(seed);
  }

  /** The seed this generator started from. */
  public long seed() {
    return seed;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** A new generator, independent of this one, advancing this one by one draw. */
  public Rng split() {
    return new Rng(nextLong());
  }

  /**
   * A generator for the named purpose, fixed by this generator's seed and the label alone: it
   * does not advance this generator, and the same label always gives the same stream.
   */
  public Rng split(String label) {
    long h = seed ^ 0x6a09e667f3bcc909L;
    for (int i = 0; i < label.length(); i++) {
      h = mix64(h + label.charAt(i) * GOLDEN_GAMMA);
    }
    return new Rng(mix64(h));
  }

  /**
   * The stream for (seed, purpose, keys...), a pure function of its arguments: the loop derives
   * what it draws per epoch and per example this way ({@code keyed(seed, "dropout", epoch,
   * example)}), so no generator state ever needs saving and a draw does not depend on what was
   * drawn before it.
   */
  public static Rng keyed(long seed, String purpose, long... keys) {
    long h = seeded(seed).split(purpose).state;
    for (long k : keys) {
      h = mix64(h + mix64(k + GOLDEN_GAMMA));
    }
    return new Rng(h);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    // Lemire's multiply-and-reject method: unbiased, usually one draw.
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform in {@code [0, 1)}, with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in {@code [0, 1)}, with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in {@code [low, high)}. */
  public float uniform(float low, float high) {
    return low + (high - low) * nextFloat();
  }

  /**
   * Standard normal, by the Box–Muller transform computed with {@link StrictMath} so that the
   * result is the same on every JVM.
   */
  public double nextGaussian() {
    double u1;
    do {
      u1 = nextDouble();
    } while (u1 == 0.0);
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** Shuffles {@code values} in place (Fisher–Yates). */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** A random permutation of {@code 0 .. n-1}. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p);
    return p;
  }
}
