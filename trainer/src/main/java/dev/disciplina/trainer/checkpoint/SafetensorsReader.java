package dev.disciplina.trainer.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks and decoding behind {@link Safetensors#read} and {@link Safetensors#parse}. */
final class SafetensorsReader {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength((int) Safetensors.MAX_HEADER_BYTES)
          .maxNameLength((int) Safetensors.MAX_HEADER_BYTES)
          .maxNestingDepth(64)
          .build())
      .build();

  /** How Jackson's strict duplicate detection begins its message. */
  private static final String DUPLICATE = "Duplicate field ";

  private SafetensorsReader() {}

  /** One tensor's header entry. */
  private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {}

  /** The decoded header: entries sorted by offsets, the metadata, and where the data ends. */
  private record Header(List<Entry> entries, Map<String, String> metadata, long dataBytes) {}

  static Safetensors parse(String source, byte[] bytes) throws SafetensorsException {
    long headerLength = headerLength(source, bytes.length, bytes);
    byte[] headerBytes = Arrays.copyOfRange(bytes, 8, 8 + (int) headerLength);
    Header h = header(source, headerBytes, bytes.length - 8 - headerLength);
    Map<String, SafeTensor> tensors = new LinkedHashMap<>();
    int base = 8 + (int) headerLength;
    for (Entry e : h.entries()) {
      byte[] data = Arrays.copyOfRange(bytes, base + (int) e.begin(), base + (int) e.end());
      tensors.put(e.name(), SafeTensor.trusted(e.dtype(), e.shape(), data));
    }
    return new Safetensors(tensors, h.metadata());
  }

  static Safetensors read(Path path) throws IOException {
    String source = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      byte[] prefix = new byte[(int) Math.min(8, size)];
      readFully(ch, ByteBuffer.wrap(prefix), 0, source);
      long headerLength = headerLength(source, size, prefix);
      byte[] headerBytes = new byte[(int) headerLength];
      readFully(ch, ByteBuffer.wrap(headerBytes), 8, source);
      Header h = header(source, headerBytes, size - 8 - headerLength);
      Map<String, SafeTensor> tensors = new LinkedHashMap<>();
      for (Entry e : h.entries()) {
        long length = e.end() - e.begin();
        if (length > Integer.MAX_VALUE - 8) {
          throw new SafetensorsException(source, "tensor " + SafetensorsException.quote(e.name())
              + " has " + length + " bytes, more than one Java array can hold");
        }
        byte[] data = new byte[(int) length];
        readFully(ch, ByteBuffer.wrap(data), 8 + headerLength + e.begin(), source);
        tensors.put(e.name(), SafeTensor.trusted(e.dtype(), e.shape(), data));
      }
      return new Safetensors(tensors, h.metadata());
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(source, null, "no such safetensors file");
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position, String source)
      throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new SafetensorsException(source, "the file ended while reading byte " + p
            + " (it changed while being read?)");
      }
      p += n;
    }
  }

  /** Checks the 8-byte length prefix against the bound and the file size; returns it. */
  private static long headerLength(String source, long fileSize, byte[] prefix)
      throws SafetensorsException {
    if (fileSize < 8) {
      throw new SafetensorsException(source, "the file has " + fileSize
          + " bytes, fewer than the 8-byte header length (empty or truncated file)");
    }
    long n = ByteBuffer.wrap(prefix, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (Long.compareUnsigned(n, Safetensors.MAX_HEADER_BYTES) > 0) {
      throw new SafetensorsException(source, "the header length " + Long.toUnsignedString(n)
          + " exceeds the limit of " + Safetensors.MAX_HEADER_BYTES + " bytes (corrupted or hostile file)");
    }
    if (n > fileSize - 8) {
      throw new SafetensorsException(source, "the header length " + n + " runs past the end of the "
          + fileSize + "-byte file (truncated file)");
    }
    return n;
  }

  private static Header header(String source, byte[] headerBytes, long dataBytes)
      throws SafetensorsException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(headerBytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsException(source, "the header is not valid UTF-8");
    }
    if (!text.startsWith("{")) {
      throw new SafetensorsException(source, "the header does not start with '{' (not a safetensors JSON header)");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (Safetensors.METADATA_KEY.equals(name)) {
          readMetadata(source, p, metadata);
        } else {
          entries.add(readEntry(source, p, name));
        }
      }
      if (p.nextToken() != null) {
        throw new SafetensorsException(source, "the header has more after its JSON object than space padding");
      }
    } catch (JsonProcessingException e) {
      String message = oneLine(e.getOriginalMessage());
      if (message.startsWith(DUPLICATE)) {
        throw new SafetensorsException(source, "the header names "
            + message.substring(DUPLICATE.length()) + " twice (duplicate names)");
      }
      throw new SafetensorsException(source, "the header is not valid JSON: " + message
          + " at character " + e.getLocation().getCharOffset());
    } catch (IOException e) {
      throw new SafetensorsException(source, "the header could not be read: " + oneLine(e.getMessage()));
    }
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    String previous = null;
    for (Entry e : entries) {
      String q = "tensor " + SafetensorsException.quote(e.name());
      String offsets = " has data_offsets [" + e.begin() + ", " + e.end() + "]";
      if (e.end() < e.begin()) {
        throw new SafetensorsException(source, q + offsets + ": it ends before it begins");
      }
      if (e.begin() > expected) {
        throw new SafetensorsException(source, q + offsets + ", leaving a hole: bytes [" + expected
            + ", " + e.begin() + ") of the data belong to no tensor");
      }
      if (e.begin() < expected) {
        throw new SafetensorsException(source, q + offsets + ", overlapping tensor "
            + SafetensorsException.quote(previous) + ", which ends at byte " + expected);
      }
      long need = SafeTensor.byteSizeOrMinusOne(e.dtype(), e.shape());
      if (need < 0) {
        throw new SafetensorsException(source, q + ": dtype " + e.dtype() + " x shape "
            + Arrays.toString(e.shape()) + " overflows or does not fill whole bytes");
      }
      if (e.end() - e.begin() != need) {
        throw new SafetensorsException(source, q + offsets + " (" + (e.end() - e.begin())
            + " bytes) but dtype " + e.dtype() + " x shape " + Arrays.toString(e.shape())
            + " needs " + need + " bytes");
      }
      expected = e.end();
      previous = e.name();
    }
    if (expected > dataBytes) {
      throw new SafetensorsException(source, "the tensors' data_offsets run to byte " + expected
          + " of the data but the file holds only " + dataBytes + " data bytes (offsets out of range or truncated file)");
    }
    if (expected < dataBytes) {
      throw new SafetensorsException(source, "the file holds " + dataBytes
          + " data bytes but the tensors cover only " + expected + " (trailing bytes)");
    }
    return new Header(entries, metadata, dataBytes);
  }

  private static void readMetadata(String source, JsonParser p, Map<String, String> metadata)
      throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new SafetensorsException(source, "'" + Safetensors.METADATA_KEY + "' is not a JSON object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new SafetensorsException(source, "metadata " + SafetensorsException.quote(key)
            + " is not a string (metadata maps strings to strings)");
      }
      metadata.put(key, p.getText());
    }
  }

  private static Entry readEntry(String source, JsonParser p, String name) throws IOException {
    String q = "tensor " + SafetensorsException.quote(name);
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new SafetensorsException(source, q + " is not a JSON object with dtype, shape and data_offsets");
    }
    Dtype dtype = null;
    long[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "dtype" -> {
          if (value != JsonToken.VALUE_STRING) {
            throw new SafetensorsException(source, q + ": dtype is not a string");
          }
          String d = p.getText();
          dtype = Dtype.named(d).orElseThrow(() -> new SafetensorsException(source, q
              + ": unknown dtype " + SafetensorsException.quote(d)));
        }
        case "shape" -> shape = readIntegers(source, p, q + ": shape");
        case "data_offsets" -> {
          offsets = readIntegers(source, p, q + ": data_offsets");
          if (offsets.length != 2) {
            throw new SafetensorsException(source, q + ": data_offsets has " + offsets.length
                + " numbers, not the two [begin, end]");
          }
        }
        default -> p.skipChildren();
      }
    }
    if (dtype == null || shape == null || offsets == null) {
      throw new SafetensorsException(source, q + " lacks "
          + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
    }
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  private static long[] readIntegers(String source, JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new SafetensorsException(source, what + " is not an array of integers");
    }
    long[] out = new long[4];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw new SafetensorsException(source, what + " holds " + oneLine(p.getText())
            + ", not a non-negative integer");
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
        throw new SafetensorsException(source, what + " holds " + oneLine(p.getText())
            + ", outside 0.." + Long.MAX_VALUE);
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = p.getLongValue();
    }
    return Arrays.copyOf(out, n);
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String flat = s.replaceAll("[\\p{Cntrl}\u2028\u2029]", " ");
    return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
  }
}
