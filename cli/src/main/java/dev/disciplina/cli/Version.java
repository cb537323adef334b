package dev.disciplina.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the version of the jar (its manifest's
 * Implementation-Version, else the build's), the Java runtime and the operating system.
 */
final class Version implements IVersionProvider {

  /** The version when the classes do not come from a jar with a manifest. */
  static final String BUILD = "0.1.0-SNAPSHOT";

  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {
        "disciplina " + (v != null ? v : BUILD),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
  }
}
