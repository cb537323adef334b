package dev.disciplina.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Byte sequences worked out by hand from the safetensors spec. */
class SafetensorsFormatTest {

  /** The 8-byte little-endian length, the header text, then the data given in hex. */
  static byte[] file(long headerLength, String header, String dataHex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 8; i++) {
      out.write((int) (headerLength >>> (8 * i)) & 0xff);
    }
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(HexFormat.of().parseHex(dataHex.replace(" ", "")));
    return out.toByteArray();
  }

  @Test
  @DisplayName("one F32 tensor is written as length 64, the compact header and six little-endian floats")
  void oneTensor() throws Exception {
    // {"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}} is 64 bytes: no padding.
    String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
    assertEquals(64, header.length());
    // 0f = 00000000, 1f = 3f800000, 2f = 40000000, 3f = 40400000, 4f = 40800000, 5f = 40a00000
    byte[] expected = file(64, header, "00000000 0000803f 00000040 00004040 00008040 0000a040");
    Safetensors st = Safetensors.of(Map.of("attn.0",
        SafeTensor.ofFloats(new long[] {1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5})));
    assertArrayEquals(expected, st.toBytes());
    assertEquals(st, Safetensors.parse("hand.safetensors", expected));
  }

  @Test
  @DisplayName("the header is padded with spaces to a multiple of 8 so the data stays aligned")
  void padding() throws Exception {
    String json = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
    assertEquals(65, json.length());
    byte[] expected = file(72, json + "       ",
        "00000000 0000803f 00000040 00004040 00008040 0000a040");
    Safetensors st = Safetensors.of(Map.of("attn0",
        SafeTensor.ofFloats(new long[] {1, 1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5})));
    assertArrayEquals(expected, st.toBytes());
  }

  @Test
  @DisplayName("an empty file is {} padded to 8, and metadata comes first in the header")
  void emptyAndMetadata() throws Exception {
    assertArrayEquals(file(8, "{}      ", ""), Safetensors.of(Map.of()).toBytes());
    String withMeta = "{\"__metadata__\":{\"framework\":\"pt\"}}";
    assertEquals(35, withMeta.length());
    byte[] expected = file(40, withMeta + "     ", "");
    Safetensors st = new Safetensors(Map.of(), Map.of("framework", "pt"));
    assertArrayEquals(expected, st.toBytes());
    assertEquals(st, Safetensors.parse("meta.safetensors", expected));
  }

  @Test
  @DisplayName("tensors are laid out by descending dtype, then by name, as the reference serializer does")
  void order() {
    Map<String, SafeTensor> t = new LinkedHashMap<>();
    t.put("a", SafeTensor.ofFloats(new long[] {1}, new float[] {1}));
    t.put("b", SafeTensor.ofDoubles(new long[] {1}, new double[] {2}));
    t.put("c", SafeTensor.ofLongs(new long[] {}, new long[] {3}));
    t.put("B", SafeTensor.ofFloats(new long[] {1}, new float[] {4}));
    String header = "{\"c\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},"
        + "\"B\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[20,24]}}";
    int padded = (header.length() + 7) / 8 * 8;
    byte[] expected = file(padded, header + " ".repeat(padded - header.length()),
        "0300000000000000 0000000000000040 00008040 0000803f");
    assertArrayEquals(expected, Safetensors.of(t).toBytes());
  }

  @Test
  @DisplayName("names are escaped in JSON exactly as serde_json escapes them")
  void escaping() throws Exception {
    String name = "q\"b\\s\n\u0001é";
    byte[] bytes = Safetensors.of(Map.of(name, SafeTensor.ofFloats(new long[] {0}, new float[0])))
        .toBytes();
    String header = new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8).trim();
    assertEquals("{\"q\\\"b\\\\s\\n\\u0001é\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
        header);
    assertEquals(name, Safetensors.parse("x", bytes).tensors().keySet().iterator().next());
  }

  @Test
  @DisplayName("F16, BF16, F64, I64, I32, U8 and BOOL read as floats; F64 and I64 read exactly")
  void conversions() throws Exception {
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
        + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[10,14]},"
        + "\"u\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[14,16]},"
        + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]},"
        + "\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[24,32]},"
        + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[32,36]},"
        + "\"z\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[36,38]}}";
    // F16: 1.0 = 3c00, -2 = c000, 65504 = 7bff, 2^-24 = 0001, +inf = 7c00 (little-endian pairs)
    // BF16: 1.0 = 3f80, -3 = c040; U8: 7, 255; F64 0.1 = 3fb999999999999a; I64 -2; I32 -5
    byte[] bytes = file(header.length(), header, "003c 00c0 ff7b 0100 007c 803f 40c0 07ff"
        + " 9a9999999999b93f feffffffffffffff fbffffff 0100");
    Safetensors st = Safetensors.parse("conv.safetensors", bytes);
    assertArrayEquals(new float[] {1, -2, 65504, 0x1p-24f, Float.POSITIVE_INFINITY},
        st.tensor("h").toFloats());
    assertArrayEquals(new float[] {1, -3}, st.tensor("bf").toFloats());
    assertArrayEquals(new float[] {7, 255}, st.tensor("u").toFloats());
    assertArrayEquals(new double[] {0.1}, st.tensor("d").toDoubles());
    assertArrayEquals(new long[] {-2}, st.tensor("l").toLongs());
    assertArrayEquals(new float[] {-5}, st.tensor("i").toFloats());
    assertArrayEquals(new float[] {1, 0}, st.tensor("z").toFloats());
    assertEquals(st, Safetensors.parse("again", st.toBytes()));
  }

  @Test
  @DisplayName("every half-precision bit pattern converts like the IEEE 754 definition")
  void halfExhaustive() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int exp = (bits >> 10) & 0x1f;
      int mant = bits & 0x3ff;
      double sign = (bits & 0x8000) != 0 ? -1 : 1;
      float got = SafeTensor.halfToFloat((short) bits);
      if (exp == 0x1f) {
        assertEquals(mant == 0, Float.isInfinite(got), "bits " + bits);
        assertEquals(mant != 0, Float.isNaN(got), "bits " + bits);
        continue;
      }
      double want = exp == 0 ? sign * mant * Math.pow(2, -24)
          : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
      assertEquals((float) want, got, 0f, "bits " + Integer.toHexString(bits));
      assertEquals((bits & 0x8000) != 0, (Float.floatToRawIntBits(got) & 0x80000000) != 0);
    }
  }
}
