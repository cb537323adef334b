package dev.disciplina.trainer.checkpoint;

import static dev.disciplina.trainer.checkpoint.SafetensorsFormatTest.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Truncated, corrupted and hostile files: each a one-line error naming the file and the problem. */
class SafetensorsHostileTest {

  static final String T = "\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

  static byte[] header(String json, String dataHex) {
    return file(json.length(), json, dataHex);
  }

  static Stream<Arguments> hostile() {
    byte[] maxLen = file(0, "", "");
    maxLen[7] = (byte) 0x80; // 2^63
    byte[] badUtf8 = header("{\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", "");
    badUtf8[10] = (byte) 0xc3; // a lead byte followed by ASCII
    return Stream.of(
        Arguments.of("a 0-byte file", new byte[0], "0 bytes, fewer than the 8-byte header length"),
        Arguments.of("7 bytes", new byte[7], "7 bytes, fewer than the 8-byte header length"),
        Arguments.of("a header length of 2^63", maxLen,
            "header length 9223372036854775808 exceeds the limit of 100000000 bytes"),
        Arguments.of("a header length of 2^64-1", file(-1L, "", ""), "18446744073709551615 exceeds"),
        Arguments.of("a header past the end", file(64, "{}", ""), "header length 64 runs past the end"),
        Arguments.of("invalid UTF-8", badUtf8, "not valid UTF-8"),
        Arguments.of("no JSON object", header("[1,2,3] ", ""), "does not start with '{'"),
        Arguments.of("NaN in the JSON", header("{\"t\":{\"dtype\":\"F32\",\"shape\":[NaN],"
            + "\"data_offsets\":[0,4]}}", "00000000"), "not valid JSON"),
        Arguments.of("an unknown dtype", header("{\"t\":{\"dtype\":\"F31\",\"shape\":[2],"
            + "\"data_offsets\":[0,8]}}", "0000000000000000"), "unknown dtype 'F31'"),
        Arguments.of("overlapping tensors", header("{" + T + ",\"u\":{\"dtype\":\"F32\",\"shape\":[2],"
            + "\"data_offsets\":[4,12]}}", "000000000000000000000000"), "overlapping tensor 't'"),
        Arguments.of("a hole between tensors", header("{" + T + ",\"u\":{\"dtype\":\"F32\",\"shape\":[1],"
            + "\"data_offsets\":[12,16]}}", "00000000000000000000000000000000"), "leaving a hole"),
        Arguments.of("offsets out of range", header("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],"
            + "\"data_offsets\":[0,8]}}", "00000000"), "run to byte 8 of the data but the file holds only 4"),
        Arguments.of("trailing bytes", header("{" + T + "}", "000000000000000000"),
            "holds 9 data bytes but the tensors cover only 8"),
        Arguments.of("a size that does not match dtype x shape", header("{\"t\":{\"dtype\":\"F64\","
            + "\"shape\":[2],\"data_offsets\":[0,8]}}", "0000000000000000"), "needs 16 bytes"),
        Arguments.of("offsets that end before they begin", header("{" + T + ",\"u\":{\"dtype\":\"F32\","
            + "\"shape\":[0],\"data_offsets\":[8,4]}}", "0000000000000000"), "it ends before it begins"),
        Arguments.of("a shape whose size overflows", header("{\"t\":{\"dtype\":\"F32\","
            + "\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", ""), "overflows"),
        Arguments.of("a number beyond u64", header("{\"t\":{\"dtype\":\"F32\","
            + "\"shape\":[99999999999999999999],\"data_offsets\":[0,0]}}", ""), "outside 0.."),
        Arguments.of("a negative dimension", header("{\"t\":{\"dtype\":\"F32\","
            + "\"shape\":[-1],\"data_offsets\":[0,0]}}", ""), "outside 0.."),
        Arguments.of("a fractional offset", header("{\"t\":{\"dtype\":\"F32\","
            + "\"shape\":[0],\"data_offsets\":[0,0.5]}}", ""), "not a non-negative integer"),
        Arguments.of("three offsets", header("{\"t\":{\"dtype\":\"F32\","
            + "\"shape\":[0],\"data_offsets\":[0,0,0]}}", ""), "not the two [begin, end]"),
        Arguments.of("a missing field", header("{\"t\":{\"dtype\":\"F32\",\"shape\":[0]}}", ""),
            "lacks data_offsets"),
        Arguments.of("duplicate names", header("{\"t\":{\"dtype\":\"F32\",\"shape\":[0],"
            + "\"data_offsets\":[0,0]},\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", ""),
            "names 't' twice"),
        Arguments.of("metadata that is not string to string", header(
            "{\"__metadata__\":{\"epoch\":3}}", ""), "metadata 'epoch' is not a string"),
        Arguments.of("text after the JSON object", header("{} {}", ""), "more after its JSON object"),
        Arguments.of("a truncated JSON object", header("{\"t\":{\"dtype\"", ""), "not valid JSON"),
        Arguments.of("a hostile name with a newline", header("{\"a\\nb\":{\"dtype\":\"X\","
            + "\"shape\":[0],\"data_offsets\":[0,0]}}", ""), "tensor 'a\\u000ab'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  @DisplayName("a broken file is a one-line error that names the file and the problem")
  void oneLineError(String what, byte[] bytes, String problem) {
    SafetensorsException e = assertThrows(SafetensorsException.class,
        () -> Safetensors.parse("bad.safetensors", bytes), what);
    assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), what + " -> " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  @DisplayName("JSON whitespace, unknown tensor fields and a null metadata are accepted as the reference accepts them")
  void tolerated() throws Exception {
    byte[] bytes = header("{ \"__metadata__\" : null , \"t\" : {\"extra\":[{}],\"dtype\":\"F32\","
        + "\"shape\":[2],\"data_offsets\":[0,8]}}\n\t ", "0000803f00000040");
    assertEquals(Map.of(), Safetensors.parse("ok", bytes).metadata());
  }

  @Test
  @DisplayName("a truncated file on disk is a one-line error naming its path, and every prefix of a valid file fails")
  void truncatedOnDisk(@TempDir Path dir) throws Exception {
    byte[] valid = Safetensors.of(Map.of("w",
        SafeTensor.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, 4}))).toBytes();
    Path f = dir.resolve("model.safetensors");
    for (int cut = 0; cut < valid.length; cut++) {
      Files.write(f, Arrays.copyOf(valid, cut));
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
      assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }
    Files.write(f, valid);
    assertArrayEquals4(Safetensors.read(f).tensor("w").toFloats());
  }

  private static void assertArrayEquals4(float[] v) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2, 3, 4}, v);
  }

  @Test
  @DisplayName("write replaces a file atomically and leaves no temporary file behind")
  void atomicWrite(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("w.safetensors");
    Safetensors a = Safetensors.of(Map.of("x", SafeTensor.ofFloats(new long[] {1}, new float[] {1})));
    Safetensors b = Safetensors.of(Map.of("y", SafeTensor.ofInts(new long[] {1}, new int[] {2})));
    a.write(f);
    b.write(f);
    assertEquals(b, Safetensors.read(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }
}
