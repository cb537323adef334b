package dev.disciplina.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starts ND4J's native CPU backend once per JVM and applies Disciplina's settings.
 *
 * <p>Only {@link Nd4jBackendProvider#availability()} and {@link Nd4jBackendProvider#create()}
 * reach this class, so discovering backends never loads ND4J. A failure to start is remembered
 * and rethrown, with its cause, on every later call.
 *
 * <p><b>Threads.</b> {@value #THREADS_PROPERTY} (default 1) sets libnd4j's threads for
 * elementwise ops and reductions (its master-thread count and OpenMP's thread count; libnd4j
 * ignores {@code setMaxThreads}): with one thread a reduction adds in one fixed order, and small
 * ops do not pay for waking a second thread. {@value #BLAS_THREADS_PROPERTY} sets OpenBLAS's
 * threads for matrix products and the BLAS-backed reductions (default: OpenBLAS's own choice, the
 * core count unless {@code OPENBLAS_NUM_THREADS} / {@code OMP_NUM_THREADS} say otherwise).
 * OpenBLAS divides work between its threads in a fixed way, so results are bit-identical run to
 * run for a given thread count — but a different count gives different bits (measured: 1 and 2
 * BLAS threads differ in the last place), so fix it when results must match across machines.
 *
 * <p><b>javacpp.</b> Unless {@value #JAVACPP_MAX_PHYSICAL} is set, it is set to 0 before ND4J
 * loads: javacpp otherwise reads {@code /proc/self/statm} on every native allocation (a third of
 * the time of a small kernel here) to trigger garbage collections when resident memory exceeds
 * twice the heap — a safety valve for native memory left to the garbage collector, which this
 * backend never does. It also keeps small-heap JVMs from failing with javacpp's "physical memory
 * usage is too high".
 */
final class Nd4jRuntime {

  /** System property: libnd4j threads for elementwise ops and reductions (default 1). */
  static final String THREADS_PROPERTY = "disciplina.nd4j.threads";

  /** System property: OpenBLAS threads for matrix products (default: OpenBLAS's choice). */
  static final String BLAS_THREADS_PROPERTY = "disciplina.nd4j.blasThreads";

  /** System property: megabytes of released arrays kept for reuse (default 64, 0 for none). */
  static final String POOL_PROPERTY = "disciplina.nd4j.poolMegabytes";

  /** javacpp's check of the process's resident size, made on every native allocation. */
  static final String JAVACPP_MAX_PHYSICAL = "org.bytedeco.javacpp.maxPhysicalBytes";

  private static Nd4jRuntime instance;
  private static Throwable failure;

  private final String description;
  private final long poolBytes;

  private Nd4jRuntime(String description, long poolBytes) {
    this.description = description;
    this.poolBytes = poolBytes;
  }

  /**
   * The started runtime.
   *
   * @throws IllegalStateException with the original failure as cause when ND4J cannot start
   */
  static synchronized Nd4jRuntime get() {
    if (instance != null) {
      return instance;
    }
    if (failure != null) {
      throw new IllegalStateException("ND4J failed to start earlier", failure);
    }
    try {
      instance = start();
      return instance;
    } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError
      failure = t;
      throw t;
    }
  }

  /** One line: versions, BLAS vendor and threads. */
  String description() {
    return description;
  }

  /** The capacity of the backend's {@link ArrayPool}. */
  long poolBytes() {
    return poolBytes;
  }

  private static Nd4jRuntime start() {
    int threads = positiveInt(THREADS_PROPERTY, 1);
    int blasThreads = positiveInt(BLAS_THREADS_PROPERTY, 0);
    long poolMegabytes = nonNegativeInt(POOL_PROPERTY, 64);
    if (System.getProperty(JAVACPP_MAX_PHYSICAL) == null
        && System.getProperty(JAVACPP_MAX_PHYSICAL.toLowerCase(Locale.ROOT)) == null) {
      // Reading /proc/self/statm on every allocation took a third of the time of small kernels;
      // buffers are freed deterministically here, so javacpp's GC-based safety valve is moot.
      System.setProperty(JAVACPP_MAX_PHYSICAL, "0");
    }
    Nd4j.getBackend(); // loads libnd4j and OpenBLAS
    Environment env = Nd4j.getEnvironment();
    // libnd4j ignores setMaxThreads (the pool size); the master-thread count is what its loops
    // split work by, and OpenMP regions follow setOmpNumThreads.
    env.setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    if (blasThreads > 0) {
      Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
    String blas = Nd4j.factory().blas().getBlasVendor() + " "
        + version("/META-INF/maven/org.bytedeco/openblas/pom.properties");
    return new Nd4jRuntime(
        "ND4J " + version("/META-INF/maven/org.nd4j/nd4j-api/pom.properties") + " native CPU, "
            + blas + " (" + Nd4j.factory().blas().getMaxThreads() + " BLAS threads, "
            + env.maxMasterThreads() + " op threads, " + poolMegabytes + " MB array pool)",
        poolMegabytes << 20);
  }

  private static int positiveInt(String property, int fallback) {
    return intProperty(property, fallback, 1, "a whole number of threads, at least 1");
  }

  private static int nonNegativeInt(String property, int fallback) {
    return intProperty(property, fallback, 0, "a whole number, at least 0");
  }

  private static int intProperty(String property, int fallback, int min, String expected) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + property + "=" + value + ": expected " + expected);
  }

  /** The version in a Maven {@code pom.properties} resource, or a placeholder. */
  private static String version(String pomProperties) {
    try (InputStream in = Nd4j.class.getResourceAsStream(pomProperties)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "(unknown version)");
      }
    } catch (IOException e) {
      // fall through
    }
    return "(unknown version)";
  }
}
