package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("IdxLoader")
class IdxLoaderTest {

  @TempDir Path dir;

  private static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(type);
    out.writeByte(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p))
        : Files.newOutputStream(p)) {
      out.write(content);
    }
    return p;
  }

  /** Three 2x2 images with pixel values 0..11 and labels 2, 0, 1. */
  private void writeSet(String part, boolean gzip) throws IOException {
    byte[] pixels = new byte[12];
    for (int i = 0; i < 12; i++) {
      pixels[i] = (byte) (i * 20);
    }
    pixels[11] = (byte) 255;
    String ext = gzip ? ".gz" : "";
    write(part + "-images-idx3-ubyte" + ext, idx(0x08, new int[] {3, 2, 2}, pixels), gzip);
    write(part + "-labels-idx1-ubyte" + ext, idx(0x08, new int[] {3}, new byte[] {2, 0, 1}),
        gzip);
  }

  @Test
  @DisplayName("raw and gzip-compressed files give the same dataset, pixels scaled to [0, 1]")
  void rawAndGzip() throws IOException {
    writeSet("train", true);
    writeSet("t10k", false);
    Dataset gz = IdxLoader.loadDirectory(dir, "train", "g", List.of());
    Dataset raw = IdxLoader.loadDirectory(dir, "t10k", "r", List.of());
    assertThat(gz.size()).isEqualTo(3);
    assertThat(gz.featureCount()).isEqualTo(4);
    assertThat(gz.labels()).containsExactly(2, 0, 1);
    assertThat(gz.classNames()).containsExactly("0", "1", "2");
    assertThat(gz.feature(0, 1)).isEqualTo(20f / 255f);
    assertThat(gz.feature(2, 3)).isEqualTo(1f);
    assertThat(raw.features()).isEqualTo(gz.features());
  }

  @Test
  @DisplayName("a wrong magic number is an error naming the file and the byte")
  void badMagic() throws IOException {
    Path p = write("bad", new byte[] {1, 2, 3, 4, 5}, false);
    assertThatThrownBy(() -> IdxLoader.read(p))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining("at byte 0")
        .hasMessageContaining("not an IDX file");
  }

  @Test
  @DisplayName("a truncated file says how many bytes were expected and found")
  void truncated() throws IOException {
    Path p = write("short", idx(0x08, new int[] {2, 3}, new byte[] {1, 2, 3, 4}), false);
    assertThatThrownBy(() -> IdxLoader.read(p))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("at byte 16")
        .hasMessageContaining("need 6 bytes")
        .hasMessageContaining("has 4");
  }

  @Test
  @DisplayName("images and labels of different counts are an error")
  void countMismatch() throws IOException {
    Path images = write("i", idx(0x08, new int[] {2, 1, 1}, new byte[] {1, 2}), false);
    Path labels = write("l", idx(0x08, new int[] {3}, new byte[] {0, 1, 1}), false);
    assertThatThrownBy(() -> IdxLoader.load("x", images, labels, List.of()))
        .hasMessageContaining("has 3 labels but")
        .hasMessageContaining("has 2 images");
  }

  @Test
  @DisplayName("other value types are read as they are")
  void floats() throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(data);
    out.writeFloat(1.5f);
    out.writeFloat(-2f);
    IdxLoader.IdxArray a = IdxLoader.read(write("f", idx(0x0D, new int[] {2}, data.toByteArray()),
        false));
    assertThat(a.values()).containsExactly(1.5f, -2f);
    assertThat(a.unsignedBytes()).isFalse();
  }

  @Test
  @DisplayName("a directory without the files names what is missing")
  void missing() {
    assertThatThrownBy(() -> IdxLoader.loadDirectory(dir, "train", "x", List.of()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("train-images-idx3-ubyte");
  }

  private static long allocated(org.junit.jupiter.api.function.Executable e) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    try {
      e.execute();
    } catch (Throwable ignored) {
      // the caller asserts the exception separately
    }
    return mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
  }

  @Test
  @DisplayName("a 16-byte file claiming 2.7 million images is an error before anything large is allocated")
  void hugeClaimRaw() throws IOException {
    Path p = write("liar", idx(0x08, new int[] {2_700_000, 28, 28}, new byte[0]), false);
    assertThat(Files.size(p)).isEqualTo(16);
    assertThatThrownBy(() -> IdxLoader.read(p))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("need 2116800000 bytes");
    assertThat(allocated(() -> IdxLoader.read(p))).isLessThan(8L << 20);
  }

  @Test
  @DisplayName("a small compressed file claiming a huge array costs memory in proportion to its content")
  void hugeClaimCompressed() throws IOException {
    Path p = write("liar.gz", idx(0x08, new int[] {2_700_000, 28, 28}, new byte[1000]), true);
    assertThatThrownBy(() -> IdxLoader.read(p))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("the file has 1000");
    assertThat(allocated(() -> IdxLoader.read(p))).isLessThan(8L << 20);
  }

  @Test
  @DisplayName("a float header whose byte count overflows an int is a clear error, not an arithmetic crash")
  void floatOverflow() throws IOException {
    Path p = write("floats", idx(0x0D, new int[] {600_000_000}, new byte[8]), false);
    assertThatThrownBy(() -> IdxLoader.read(p))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("need 2400000000 bytes");
    Path q = write("floats.gz", idx(0x0D, new int[] {600_000_000}, new byte[8]), true);
    assertThatThrownBy(() -> IdxLoader.read(q))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  @DisplayName("a label above the classes the others use (200 among 0..9) is reported with its item and byte")
  void labelAboveClasses() throws IOException {
    byte[] labels = new byte[11];
    for (int i = 0; i < 10; i++) {
      labels[i] = (byte) i;
    }
    labels[10] = (byte) 200;
    write("train-images-idx3-ubyte", idx(0x08, new int[] {11, 1, 1}, new byte[11]), false);
    write("train-labels-idx1-ubyte", idx(0x08, new int[] {11}, labels), false);
    assertThatThrownBy(() -> IdxLoader.loadDirectory(dir, "train", "t", java.util.List.of()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("at byte 18: label 200 of item 10 is above the 10 classes");
    labels[10] = 10;
    write("train-labels-idx1-ubyte", idx(0x08, new int[] {11}, labels), false);
    assertThatThrownBy(() -> IdxLoader.loadDirectory(dir, "train", "t", FashionMnist.CLASSES))
        .hasMessageContaining("at byte 18: label 10 of item 10 is outside the 10 classes");
  }
}
