package dev.disciplina.trainer.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one safetensors file: named tensors and the optional string-to-string {@code
 * __metadata__}. An immutable value; tensors are kept sorted by name.
 *
 * <p><b>Format</b> (huggingface/safetensors): an 8-byte little-endian unsigned header length
 * {@code N}; {@code N} bytes of UTF-8 JSON mapping each tensor name to {@code dtype}, {@code
 * shape} and {@code data_offsets} ({@code [begin, end)} relative to the start of the data), padded
 * with spaces to a multiple of 8; then the little-endian, row-major data.
 *
 * <p><b>Reading</b> ({@link #read}, {@link #parse}) makes every check of the reference
 * implementation and fails with a one-line {@link SafetensorsException} naming the file and the
 * problem: header length at most 100,000,000 bytes and within the file, valid UTF-8, one JSON
 * object and nothing after it but whitespace, no duplicate names, known dtypes, non-negative
 * integer shapes and offsets, offsets that (sorted) start at 0 and follow one another with no
 * hole or overlap, each tensor's byte count equal to dtype x shape, and the data ending exactly at
 * the end of the file.
 *
 * <p><b>Writing</b> ({@link #toBytes}, {@link #write}) is deterministic and byte-identical to the
 * reference: tensors in descending {@link Dtype} order then by name, compact JSON, metadata keys
 * sorted, the header padded with spaces. {@link #write} is atomic and durable ({@link
 * AtomicFiles}). Thread-safe: a value.
 */
public record Safetensors(Map<String, SafeTensor> tensors, Map<String, String> metadata) {

  /** The reference implementation's bound on the header length. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  /** The reserved header key of the metadata. */
  public static final String METADATA_KEY = "__metadata__";

  public Safetensors {
    for (String name : tensors.keySet()) {
      if (METADATA_KEY.equals(name)) {
        throw new IllegalArgumentException("safetensors: '" + METADATA_KEY
            + "' is reserved for the metadata and cannot name a tensor");
      }
    }
    tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
    metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
  }

  /** Tensors without metadata. */
  public static Safetensors of(Map<String, SafeTensor> tensors) {
    return new Safetensors(tensors, Map.of());
  }

  /** The tensor called {@code name}; fails naming the tensors there are. */
  public SafeTensor tensor(String name) {
    SafeTensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "safetensors: no tensor named '" + name + "' (has " + tensors.keySet() + ")");
    }
    return t;
  }

  /** Reads and checks the file at {@code path}. */
  public static Safetensors read(Path path) throws IOException {
    return SafetensorsReader.read(path);
  }

  /** Checks and decodes the whole content of a file; {@code source} names it in errors. */
  public static Safetensors parse(String source, byte[] bytes) throws SafetensorsException {
    return SafetensorsReader.parse(source, bytes);
  }

  /** Writes this content to {@code path} atomically and durably. */
  public void write(Path path) throws IOException {
    AtomicFiles.write(path, toBytes());
  }

  /** The file's bytes, laid out exactly as the reference serializer lays them out. */
  public byte[] toBytes() {
    List<Map.Entry<String, SafeTensor>> order = new ArrayList<>(tensors.entrySet());
    order.sort(Comparator
        .comparing((Map.Entry<String, SafeTensor> e) -> e.getValue().dtype()).reversed()
        .thenComparing(e -> utf8(e.getKey()), Arrays::compareUnsigned));
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      appendString(json, METADATA_KEY).append(":{");
      String sep = "";
      for (Map.Entry<String, String> m : metadata.entrySet()) {
        json.append(sep);
        appendString(json, m.getKey()).append(':');
        appendString(json, m.getValue());
        sep = ",";
      }
      json.append('}');
    }
    long offset = 0;
    String sep = metadata.isEmpty() ? "" : ",";
    for (Map.Entry<String, SafeTensor> e : order) {
      SafeTensor t = e.getValue();
      json.append(sep);
      appendString(json, e.getKey()).append(":{\"dtype\":\"").append(t.dtype().name())
          .append("\",\"shape\":[");
      long[] shape = t.shape();
      for (int i = 0; i < shape.length; i++) {
        json.append(i == 0 ? "" : ",").append(shape[i]);
      }
      long end = offset + t.byteLength();
      json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
      offset = end;
      sep = ",";
    }
    json.append('}');
    byte[] header = utf8(json.toString());
    int padded = (header.length + 7) / 8 * 8;
    long total = 8L + padded + offset;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "safetensors: " + total + " bytes are more than one Java array can hold");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(header);
    for (int i = header.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (Map.Entry<String, SafeTensor> e : order) {
      out.put(e.getValue().rawData());
    }
    return out.array();
  }

  /** Appends {@code s} as a JSON string, escaped as serde_json escapes it. */
  private static StringBuilder appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  private static byte[] utf8(String s) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "safetensors: a name or metadata string is not valid Unicode (lone surrogate)", e);
    }
  }

  /** A short description: tensor names with dtype and shape. */
  @Override
  public String toString() {
    Map<String, String> d = new LinkedHashMap<>();
    tensors.forEach((n, t) -> d.put(n, t.toString()));
    return "Safetensors" + d + (metadata.isEmpty() ? "" : " metadata=" + metadata);
  }
}
