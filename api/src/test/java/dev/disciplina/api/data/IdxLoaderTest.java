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
}
