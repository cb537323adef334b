package dev.disciplina.trainer.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Disciplina's own version, from the build. */
final class Version {

  private static final String VERSION = load();

  private Version() {}

  static String disciplina() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
