package dev.disciplina.trainer.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a safetensors file: its dtype, its shape and its data, little-endian and
 * row-major, exactly as stored. An immutable value: the arrays are copied in and out.
 *
 * <p>Factories make F32, F64, I64 and I32 tensors from Java arrays; {@link #of} takes raw bytes of
 * any dtype. {@link #toFloats()} converts every real and integer dtype to float (F16, BF16 and the
 * 8-bit floats included), {@link #toDoubles()} and {@link #toLongs()} keep F64 and I64 exact.
 */
public final class SafeTensor {

  private final Dtype dtype;
  private final long[] shape;
  private final byte[] data;

  private SafeTensor(Dtype dtype, long[] shape, byte[] data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  /** A tensor of {@code dtype} and {@code shape} over raw little-endian {@code data}. */
  public static SafeTensor of(Dtype dtype, long[] shape, byte[] data) {
    long[] s = shape.clone();
    long bytes = byteSize(dtype, s);
    if (bytes != data.length) {
      throw new IllegalArgumentException("safetensors: dtype " + dtype + " x shape "
          + Arrays.toString(s) + " needs " + bytes + " bytes, got " + data.length);
    }
    return new SafeTensor(dtype, s, data.clone());
  }

  /** An F32 tensor holding {@code values} in row-major order. */
  public static SafeTensor ofFloats(long[] shape, float[] values) {
    ByteBuffer b = buffer(values.length * 4L);
    b.asFloatBuffer().put(values);
    return of(Dtype.F32, shape, b.array());
  }

  /** An F64 tensor holding {@code values} in row-major order. */
  public static SafeTensor ofDoubles(long[] shape, double[] values) {
    ByteBuffer b = buffer(values.length * 8L);
    b.asDoubleBuffer().put(values);
    return of(Dtype.F64, shape, b.array());
  }

  /** An I64 tensor holding {@code values} in row-major order. */
  public static SafeTensor ofLongs(long[] shape, long[] values) {
    ByteBuffer b = buffer(values.length * 8L);
    b.asLongBuffer().put(values);
    return of(Dtype.I64, shape, b.array());
  }

  /** An I32 tensor holding {@code values} in row-major order. */
  public static SafeTensor ofInts(long[] shape, int[] values) {
    ByteBuffer b = buffer(values.length * 4L);
    b.asIntBuffer().put(values);
    return of(Dtype.I32, shape, b.array());
  }

  /** Wraps bytes the reader has already checked against dtype and shape: no copy. */
  static SafeTensor trusted(Dtype dtype, long[] shape, byte[] data) {
    return new SafeTensor(dtype, shape, data);
  }

  /**
   * The number of bytes {@code dtype} x {@code shape} occupies, or -1 when the element count or
   * the byte count overflows a long or the bits do not fill whole bytes.
   */
  static long byteSizeOrMinusOne(Dtype dtype, long[] shape) {
    long n = 1;
    try {
      for (long d : shape) {
        if (d < 0) {
          return -1;
        }
        n = Math.multiplyExact(n, d);
      }
      long bits = Math.multiplyExact(n, (long) dtype.bits());
      return bits % 8 == 0 ? bits / 8 : -1;
    } catch (ArithmeticException overflow) {
      return -1;
    }
  }

  private static long byteSize(Dtype dtype, long[] shape) {
    long bytes = byteSizeOrMinusOne(dtype, shape);
    if (bytes < 0) {
      throw new IllegalArgumentException("safetensors: dtype " + dtype + " x shape "
          + Arrays.toString(shape) + " has no whole number of bytes (or overflows)");
    }
    return bytes;
  }

  private static ByteBuffer buffer(long bytes) {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("safetensors: a tensor of " + bytes
          + " bytes is larger than a Java array can hold");
    }
    return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  public Dtype dtype() {
    return dtype;
  }

  /** The shape, a copy; {@code []} is a scalar. */
  public long[] shape() {
    return shape.clone();
  }

  /** The shape as ints, for {@code dev.disciplina.api.tensor.Shape}; fails beyond int range. */
  public int[] intShape() {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "safetensors: dimension " + shape[i] + " of " + Arrays.toString(shape) + " exceeds int");
      }
      out[i] = (int) shape[i];
    }
    return out;
  }

  /** The number of elements: the product of the shape (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The raw little-endian bytes, a copy. */
  public byte[] data() {
    return data.clone();
  }

  int byteLength() {
    return data.length;
  }

  byte[] rawData() {
    return data;
  }

  private ByteBuffer le() {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The values as floats, converted from any real or integer dtype (64-bit ones rounded). */
  public float[] toFloats() {
    int n = (int) elementCount();
    float[] out = new float[n];
    ByteBuffer b = le();
    switch (dtype) {
      case F32 -> b.asFloatBuffer().get(out);
      case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8); }
      case F16 -> { for (int i = 0; i < n; i++) out[i] = halfToFloat(b.getShort(i * 2)); }
      case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); }
      case F8_E5M2 -> { for (int i = 0; i < n; i++) out[i] = halfToFloat((short) ((data[i] & 0xff) << 8)); }
      case F8_E4M3 -> { for (int i = 0; i < n; i++) out[i] = e4m3ToFloat(data[i]); }
      case F8_E8M0 -> { for (int i = 0; i < n; i++) out[i] = e8m0ToFloat(data[i]); }
      case BOOL, U8 -> { for (int i = 0; i < n; i++) out[i] = data[i] & 0xff; }
      case I8 -> { for (int i = 0; i < n; i++) out[i] = data[i]; }
      case I16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2); }
      case U16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2) & 0xffff; }
      case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
      case U32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4) & 0xffffffffL; }
      case I64 -> { for (int i = 0; i < n; i++) out[i] = b.getLong(i * 8); }
      case U64 -> { for (int i = 0; i < n; i++) out[i] = unsignedToFloat(b.getLong(i * 8)); }
      case F4, F6_E2M3, F6_E3M2, C64 -> throw new IllegalArgumentException(
          "safetensors: dtype " + dtype + " has no float conversion here (packed or complex)");
      default -> throw new AssertionError(dtype);
    }
    return out;
  }

  /** The values of an F64 or F32 tensor as doubles, exactly. */
  public double[] toDoubles() {
    int n = (int) elementCount();
    double[] out = new double[n];
    if (dtype == Dtype.F64) {
      le().asDoubleBuffer().get(out);
      return out;
    }
    if (dtype == Dtype.F32) {
      ByteBuffer b = le();
      for (int i = 0; i < n; i++) {
        out[i] = b.getFloat(i * 4);
      }
      return out;
    }
    throw new IllegalArgumentException("safetensors: toDoubles needs F64 or F32, got " + dtype);
  }

  /** The values of an I64, I32, I16 or I8 tensor as longs, exactly. */
  public long[] toLongs() {
    int n = (int) elementCount();
    long[] out = new long[n];
    ByteBuffer b = le();
    switch (dtype) {
      case I64 -> b.asLongBuffer().get(out);
      case I32 -> { for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4); }
      case I16 -> { for (int i = 0; i < n; i++) out[i] = b.getShort(i * 2); }
      case I8 -> { for (int i = 0; i < n; i++) out[i] = data[i]; }
      default -> throw new IllegalArgumentException(
          "safetensors: toLongs needs a signed integer dtype, got " + dtype);
    }
    return out;
  }

  /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** OCP FP8 E4M3 (the "fn" variant: no infinities, S.1111.111 is NaN) to float. */
  static float e4m3ToFloat(byte v) {
    int bits = v & 0xff;
    int exp = (bits >>> 3) & 0xf;
    int mant = bits & 0x7;
    float magnitude;
    if (exp == 0xf && mant == 0x7) {
      return Float.NaN;
    } else if (exp == 0) {
      magnitude = mant * 0x1p-9f;
    } else {
      magnitude = (1f + mant / 8f) * (float) Math.scalb(1.0, exp - 7);
    }
    return (bits & 0x80) == 0 ? magnitude : -magnitude;
  }

  /** OCP E8M0 scale (an unsigned power of two, 0xff is NaN) to float. */
  static float e8m0ToFloat(byte v) {
    int e = v & 0xff;
    return e == 0xff ? Float.NaN : (float) Math.scalb(1.0, e - 127);
  }

  private static float unsignedToFloat(long v) {
    return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafeTensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
