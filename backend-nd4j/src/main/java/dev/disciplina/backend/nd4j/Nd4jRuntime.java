package dev.disciplina.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J's native CPU backend once per JVM and applies Disciplina's thread settings.
 *
 * <p>Only {@link Nd4jBackendProvider#availability()} and {@link Nd4jBackendProvider#create()}
 * reach this class, so discovering backends never loads ND4J. A failure to start is remembered
 * and rethrown, with its cause, on every later call.
 *
 * <p><b>Threads.</b> {@value #THREADS_PROPERTY} (default 1) caps libnd4j's own threads, which
 * run elementwise ops and reductions: with one thread a reduction adds in one fixed order, so
 * results are bit-identical run to run, and small ops avoid the cost of waking a second thread.
 * {@value #BLAS_THREADS_PROPERTY} sets OpenBLAS's threads for matrix products (default: OpenBLAS's
 * own choice, the core count unless {@code OMP_NUM_THREADS} / {@code OPENBLAS_NUM_THREADS} say
 * otherwise); OpenBLAS splits a product between threads by output blocks, so each output value is
 * still computed in one fixed order.
 */
final class Nd4jRuntime {

  /** System property: libnd4j threads for elementwise ops and reductions (default 1). */
  static final String THREADS_PROPERTY = "disciplina.nd4j.threads";

  /** System property: OpenBLAS threads for matrix products (default: OpenBLAS's choice). */
  static final String BLAS_THREADS_PROPERTY = "disciplina.nd4j.blasThreads";

  private static Nd4jRuntime instance;
  private static Throwable failure;

  private final String description;

  private Nd4jRuntime(String description) {
    this.description = description;
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

  private static Nd4jRuntime start() {
    int threads = positiveInt(THREADS_PROPERTY, 1);
    int blasThreads = positiveInt(BLAS_THREADS_PROPERTY, 0);
    Nd4j.getBackend(); // loads libnd4j and OpenBLAS
    Environment env = Nd4j.getEnvironment();
    env.setMaxThreads(threads);
    env.setMaxMasterThreads(threads);
    if (blasThreads > 0) {
      Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
    String blas = Nd4j.factory().blas().getBlasVendor() + " " + env.blasMajorVersion() + "."
        + env.blasMinorVersion() + "." + env.blasPatchVersion();
    return new Nd4jRuntime(
        "ND4J " + version() + " native CPU, " + blas + " (" + Nd4j.factory().blas().getMaxThreads()
            + " BLAS threads, " + env.maxThreads() + " op threads)");
  }

  private static int positiveInt(String property, int fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + property + "=" + value + ": expected a whole number of threads, at least 1");
  }

  private static String version() {
    try (InputStream in =
        Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
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
