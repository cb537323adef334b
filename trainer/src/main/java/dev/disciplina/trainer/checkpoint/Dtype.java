package dev.disciplina.trainer.checkpoint;

import java.util.Optional;

/**
 * The element types of the safetensors format, in the order of the reference implementation's
 * {@code Dtype} enum (increasing alignment). The writer lays tensors out in descending order of
 * this enum, then by name, as the reference does, so every tensor's data stays aligned.
 */
public enum Dtype {
  BOOL(8),
  F4(4),
  F6_E2M3(6),
  F6_E3M2(6),
  U8(8),
  I8(8),
  F8_E5M2(8),
  F8_E4M3(8),
  F8_E8M0(8),
  I16(16),
  U16(16),
  F16(16),
  BF16(16),
  I32(32),
  U32(32),
  F32(32),
  C64(64),
  F64(64),
  I64(64),
  U64(64);

  private final int bits;

  Dtype(int bits) {
    this.bits = bits;
  }

  /** The size of one element in bits (sub-byte types pack several elements per byte). */
  public int bits() {
    return bits;
  }

  /** The dtype spelled {@code name} in a header, exactly as the spec spells it. */
  public static Optional<Dtype> named(String name) {
    for (Dtype d : values()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
