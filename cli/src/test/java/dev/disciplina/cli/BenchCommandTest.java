package dev.disciplina.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  private static int run(StringWriter err, String... args) {
    return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
  }

  @Test
  @DisplayName("bench rejects a bad number with one line naming the options and exit code 2")
  void badNumbers() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "bench", "--rounds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--rounds").doesNotContain("Exception");
    StringWriter err2 = new StringWriter();
    assertThat(run(err2, "bench", "--batch-sizes", "128,0")).isEqualTo(2);
    assertThat(err2.toString()).contains("--batch-sizes: a batch size must be at least 1, got 0");
  }

  @Test
  @DisplayName("an unbuilt benchmarks module is an error that says how to build it")
  void unbuilt(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> BenchCommand.benchmarksJar(dir.resolve("target")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("has no lib/").hasMessageContaining("mvn -B -q -DskipTests package");
    Files.createDirectories(dir.resolve("target").resolve("lib"));
    assertThatThrownBy(() -> BenchCommand.benchmarksJar(dir.resolve("target")))
        .hasMessageContaining("has no disciplina-benchmarks jar");
    Path jar = Files.createFile(dir.resolve("target").resolve("disciplina-benchmarks-1.jar"));
    assertThat(BenchCommand.benchmarksJar(dir.resolve("target"))).isEqualTo(jar);
  }

  @Test
  @DisplayName("the repository root is found from where the cli's classes are")
  void root() {
    assertThat(BenchCommand.root().resolve("cli").resolve("pom.xml")).exists();
  }
}
