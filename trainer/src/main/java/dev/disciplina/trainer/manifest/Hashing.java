package dev.disciplina.trainer.manifest;

import dev.disciplina.api.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The SHA-256 digests a manifest records: of a configuration and of a split's content. */
public final class Hashing {

  private Hashing() {}

  /**
   * SHA-256 of a configuration: its entries as {@code key=value} lines, sorted by key, so the
   * order in which the options were given does not matter.
   */
  public static String configurationHash(Map<String, String> configuration) {
    MessageDigest d = sha256();
    configuration.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        d.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * SHA-256 of a dataset's content: its shape (examples, features, classes or target width),
   * then every feature as the little-endian bits of its float, then every label (or target).
   * Two splits with the same examples in the same order have the same hash, whatever they are
   * called.
   */
  public static String datasetHash(Dataset data) {
    MessageDigest d = sha256();
    String shape = data.size() + "x" + data.featureCount() + (data.isClassification()
        ? " classes " + data.classCount() : " targets " + data.targetWidth()) + "\n";
    d.update(shape.getBytes(StandardCharsets.UTF_8));
    update(d, data.features());
    if (data.isClassification()) {
      int[] labels = data.labels();
      ByteBuffer b = ByteBuffer.allocate(labels.length * Integer.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(labels);
      d.update(b.array());
    } else {
      update(d, data.targets());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static void update(MessageDigest d, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (!b.hasRemaining()) {
        d.update(b.array(), 0, b.position());
        b.clear();
      }
      b.putInt(Float.floatToRawIntBits(v));
    }
    d.update(b.array(), 0, b.position());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java SE has", e);
    }
  }
}
