package dev.disciplina.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz test of the reader: 120,000 inputs, mutations of valid files (bytes, header text,
 * length prefix, truncation) and random ones. Every input either parses into content that writes
 * and reads back to itself, or fails with a one-line {@link SafetensorsException} naming the file;
 * nothing else (no other exception, no error) escapes.
 */
class SafetensorsFuzzTest {

  private static final int INPUTS = 120_000;
  private static final List<String> TOKENS = List.of("\"F32\"", "\"F64\"", "\"BF16\"", "\"I64\"",
      "\"U8\"", "\"F4\"", "\"XX\"", "0", "1", "-1", "8", "1e3", "4294967296", "18446744073709551616",
      "NaN", "null", "[]", "{}", "[0,0]", "\"__metadata__\"", ",", ":", "\"", "\\", "{", "}", "[", "]");

  @Test
  @DisplayName("120,000 mutated and random inputs each parse consistently or fail with a one-line SafetensorsException")
  void fuzz() {
    SplittableRandom rng = new SplittableRandom(20261201L);
    List<byte[]> seeds = seeds();
    int parsed = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = switch (i % 5) {
        case 0 -> flipBytes(seeds.get(rng.nextInt(seeds.size())), rng);
        case 1 -> mutateHeaderText(seeds.get(rng.nextInt(seeds.size())), rng);
        case 2 -> truncateOrExtend(seeds.get(rng.nextInt(seeds.size())), rng);
        case 3 -> rewriteLength(seeds.get(rng.nextInt(seeds.size())), rng);
        default -> random(rng);
      };
      try {
        Safetensors st = Safetensors.parse("fuzz.safetensors", input);
        parsed++;
        assertEquals(st, Safetensors.parse("again", st.toBytes()), "input " + i);
      } catch (SafetensorsException e) {
        assertTrue(e.getMessage().startsWith("fuzz.safetensors: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
      } catch (RuntimeException | Error e) {
        fail("input " + i + " (" + Arrays.toString(Arrays.copyOf(input, Math.min(96, input.length)))
            + ") escaped as " + e, e);
      }
    }
    assertTrue(parsed > 1_000, "the mutations should keep some files valid, kept " + parsed);
    assertTrue(parsed < INPUTS / 2, "most mutations must be caught, accepted " + parsed);
  }

  private static List<byte[]> seeds() {
    Map<String, SafeTensor> a = new LinkedHashMap<>();
    a.put("0.weight", SafeTensor.ofFloats(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6}));
    a.put("0.bias", SafeTensor.ofFloats(new long[] {3}, new float[] {-1, 0, 1}));
    a.put("step", SafeTensor.ofLongs(new long[] {}, new long[] {42}));
    a.put("m", SafeTensor.ofDoubles(new long[] {2}, new double[] {0.5, 0.25}));
    Map<String, SafeTensor> b = Map.of("e", SafeTensor.ofFloats(new long[] {0, 4}, new float[0]),
        "h", SafeTensor.of(Dtype.F16, new long[] {2}, new byte[] {0, 0x3c, 0, (byte) 0xc0}));
    return List.of(new Safetensors(a, Map.of("format", "pt", "epoch", "3")).toBytes(),
        Safetensors.of(b).toBytes(), Safetensors.of(Map.of()).toBytes());
  }

  private static byte[] flipBytes(byte[] seed, SplittableRandom rng) {
    byte[] out = seed.clone();
    int n = 1 + rng.nextInt(4);
    for (int k = 0; k < n; k++) {
      int at = rng.nextInt(out.length);
      out[at] = rng.nextBoolean() ? (byte) (out[at] ^ (1 << rng.nextInt(8))) : (byte) rng.nextInt(256);
    }
    return out;
  }

  /** Edits the JSON text (replace a token, delete or duplicate a span), then fixes the length. */
  private static byte[] mutateHeaderText(byte[] seed, SplittableRandom rng) {
    long n = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(seed, 8, (int) n, StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOfRange(seed, 8 + (int) n, seed.length);
    StringBuilder h = new StringBuilder(header);
    int at = rng.nextInt(h.length());
    int span = Math.min(h.length() - at, 1 + rng.nextInt(6));
    switch (rng.nextInt(4)) {
      case 0 -> h.replace(at, at + span, TOKENS.get(rng.nextInt(TOKENS.size())));
      case 1 -> h.delete(at, at + span);
      case 2 -> h.insert(at, h.substring(at, at + span));
      default -> {
        // change one digit: offsets and shapes shift by a little
        int digit = h.indexOf(Integer.toString(rng.nextInt(10)), at);
        if (digit >= 0) {
          h.setCharAt(digit, (char) ('0' + rng.nextInt(10)));
        }
      }
    }
    byte[] text = h.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(text.length).put(text).put(data);
    return out.array();
  }

  private static byte[] truncateOrExtend(byte[] seed, SplittableRandom rng) {
    return Arrays.copyOf(seed, Math.max(0, seed.length + rng.nextInt(-seed.length, 9)));
  }

  private static byte[] rewriteLength(byte[] seed, SplittableRandom rng) {
    byte[] out = seed.clone();
    long len = switch (rng.nextInt(4)) {
      case 0 -> rng.nextLong();
      case 1 -> 1L << rng.nextInt(64);
      case 2 -> Safetensors.MAX_HEADER_BYTES + rng.nextInt(-2, 3);
      default -> ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN).getLong() + rng.nextInt(-9, 10);
    };
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, len);
    return out;
  }

  private static byte[] random(SplittableRandom rng) {
    byte[] out = new byte[rng.nextInt(64)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) rng.nextInt(256);
    }
    if (out.length >= 8 && rng.nextBoolean()) {
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, rng.nextInt(out.length - 7));
      if (out.length > 8) {
        out[8] = '{';
      }
    }
    return out;
  }
}
