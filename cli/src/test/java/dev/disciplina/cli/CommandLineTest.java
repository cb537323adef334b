package dev.disciplina.cli;

import static dev.disciplina.cli.MainTest.assertUsageError;
import static dev.disciplina.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the command line's general behaviour")
class CommandLineTest {

  @TempDir Path dir;

  private static final String HISTORY = "epoch,train_loss,val_loss\n1,1.0,1.1\n";

  @Test
  @DisplayName("every subcommand has --help and --version, exit 0, and help SUBCOMMAND prints its usage")
  void helpEverywhere() {
    for (String sub : new String[] {"backends", "train", "diagnose", "demo", "overhead",
        "completion"}) {
      MainTest.Result help = run(sub, "--help");
      assertThat(help.code()).as(sub + ": " + help.err()).isZero();
      assertThat(help.out()).as(sub).startsWith("Usage: disciplina " + sub);
      MainTest.Result version = run(sub, "--version");
      assertThat(version.code()).as(sub).isZero();
      assertThat(version.out()).startsWith("disciplina ");
    }
    MainTest.Result help = run("help", "train");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: disciplina train").contains("--label")
        .contains("--overwrite");
  }

  @Test
  @DisplayName("completion prints a bash script that completes the subcommands and their options")
  void completion() {
    MainTest.Result r = run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F")
        .contains("diagnose").contains("--history");
  }

  @Test
  @DisplayName("out of memory is one line saying how to raise the heap, exit 2, no stack trace")
  void outOfMemory() {
    StringWriter err = new StringWriter();
    int code = Main.outOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().toList()).singleElement().asString()
        .startsWith("disciplina: out of memory (Java heap space, maximum heap ")
        .contains("DISCIPLINA_JAVA_OPTS=-Xmx");
    assertThat(Main.outOfMemory(new RuntimeException(new OutOfMemoryError()))).isNotNull();
  }

  @Test
  @DisplayName("--history is checked before training: a directory or an existing file is one line, exit 2")
  void historyChecked() throws Exception {
    assertUsageError(run("train", "--history", dir.toString()), "Is a directory");
    Path existing = dir.resolve("h.csv");
    Files.writeString(existing, "keep me");
    MainTest.Result r = run("train", "--history", existing.toString());
    assertUsageError(r, "the file exists; add --overwrite to replace it");
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(existing)).isEqualTo("keep me");
    Path locked = dir.resolve("locked");
    Files.createDirectory(locked);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    if (!Files.isWritable(locked)) {
      assertUsageError(run("train", "--history", locked.resolve("h.csv").toString()),
          "Permission denied");
    }
  }

  @Test
  @DisplayName("--overwrite replaces through a symbolic link, keeps the file's mode, and removes stale temporary files")
  void overwriteKeepsLinkAndMode() throws Exception {
    Path real = dir.resolve("real.csv");
    Files.writeString(real, "old");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path link = dir.resolve("link.csv");
    Files.createSymbolicLink(link, real.getFileName());
    Path stale = dir.resolve(".real.csv123456.tmp");
    Files.writeString(stale, "left by a killed run");
    MainTest.Result r = run("train", "--quiet", "--epochs", "1", "--history", link.toString(),
        "--overwrite");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).startsWith("epoch,train_loss");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
        .isEqualTo("rw-r-----");
    assertThat(stale).doesNotExist();
  }

  @Test
  @DisplayName("diagnose - reads standard input, plain or gzip-compressed, and names it <stdin> in errors")
  void diagnoseStandardInput() throws Exception {
    assertThat(diagnoseStdin(HISTORY.getBytes(StandardCharsets.UTF_8)).out())
        .isEqualTo("-\tINCONCLUSIVE\n");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(HISTORY.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(diagnoseStdin(gz.toByteArray()).out()).isEqualTo("-\tINCONCLUSIVE\n");
    MainTest.Result bad = diagnoseStdin("x\n".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("disciplina: <stdin>:1: ");
  }

  private static MainTest.Result diagnoseStdin(byte[] input) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"diagnose", "-"}, new ByteArrayInputStream(input),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new MainTest.Result(code, out.toString(), err.toString());
  }
}
