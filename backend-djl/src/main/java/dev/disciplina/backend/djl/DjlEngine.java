package dev.disciplina.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;

/** Loads DJL's PyTorch engine, always in offline mode. */
final class DjlEngine {

  /** DJL's name for the PyTorch engine. */
  static final String NAME = "PyTorch";

  private DjlEngine() {}

  /**
   * The PyTorch engine, initialised on first call (loads the natives, extracting them into
   * {@code ~/.djl.ai} the first time).
   *
   * @throws RuntimeException or {@link LinkageError} when the engine cannot load
   */
  static Engine pytorch() {
    DjlOffline.apply();
    return Engine.getEngine(NAME);
  }

  /** Loads the engine and describes it; what {@link DjlBackendProvider#availability()} reports. */
  static String describePyTorch() {
    return describe(pytorch());
  }

  /** Loads the engine and makes a backend on it. */
  static DjlBackend newBackend() {
    return new DjlBackend(pytorch());
  }

  /** For example {@code PyTorch 2.7.1 (DJL 0.36.0, offline, 2 intra-op threads)}. */
  static String describe(Engine engine) {
    return NAME + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion()
        + (Utils.isOfflineMode() ? ", offline" : "")
        + ", " + JniUtils.getNumThreads() + " intra-op threads)";
  }
}
