package dev.disciplina.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. Regenerate them all with
 * {@code mvn -o test -pl report -am -Ddisciplina.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
final class Golden {

  private Golden() {}

  static void assertMatches(String name, String actual) {
    Path dir = Path.of(System.getProperty("disciplina.golden.dir", "src/test/resources/golden"));
    Path file = dir.resolve(name);
    try {
      if (Boolean.getBoolean("disciplina.golden.update")) {
        Files.createDirectories(dir);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s (regenerate with -Ddisciplina.golden.update=true)", name).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual).as("output compared byte for byte with golden file %s", name).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
