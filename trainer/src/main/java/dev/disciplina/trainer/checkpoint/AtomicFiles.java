package dev.disciplina.trainer.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic, durable file writes: the bytes go to a temporary file in the target's directory, are
 * forced to the device, renamed over the target in one atomic step, and the directory is forced
 * too. A reader sees the old file or the new one, never a part; a crash leaves at most a stray
 * {@code .*.tmp} file beside it. Stateless and thread-safe for distinct targets.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code content} to {@code target} atomically and durably, replacing any old file. */
  public static void write(Path target, byte[] content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(content);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Forces a directory's entries (a rename into it) to the device; POSIX only. */
  public static void forceDirectory(Path dir) throws IOException {
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
      return; // Windows cannot open a directory as a channel; NTFS journals the rename itself
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
