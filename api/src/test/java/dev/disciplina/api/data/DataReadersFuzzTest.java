package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded generators and mutations of valid files for the CSV and IDX readers: every input gives
 * a dataset or a {@link MalformedDataException} with a message, never another exception, and
 * memory in proportion to the input.
 */
@DisplayName("the data readers under fuzzing")
class DataReadersFuzzTest {

  private static final int INPUTS = 100_000;
  /** Inputs before allocation is measured: class loading and JIT compilation allocate too. */
  private static final int WARM_UP = 1_000;
  private static final String ALPHABET = ",,,;\"\n\n\r 0123456789..--eE+abclyNaInf\uFEFF\t";
  private static final String[] SEEDS = {
      "a,b,label\n1,2,cat\n3,4,dog\n5,6,cat\n",
      "label,pixel1,pixel2\n0,0,255\n1,3,4\n2,5,6\n",
      "0,1,2,label\n1,2,3,0\n4,5,6,1\n",
      "1,0.5,0.25\n0,1.5,2.5\n1,2,3\n",
      "x,y\n1,0.5\n2,1.25\n3,2.75\n",
      "\"a;1\";label\n\"1.5\";\"x \"\"y\"\"\"\n2;z\n"};

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  @DisplayName("10^5 generated and mutated CSV inputs give a dataset or a MalformedDataException with a message")
  void csv() {
    SplittableRandom rng = new SplittableRandom(20261201L);
    int datasets = 0;
    for (int i = 0; i < INPUTS; i++) {
      String text = i % 4 == 0 ? generated(rng) : mutated(SEEDS[rng.nextInt(SEEDS.length)], rng);
      CsvLoader.Builder b = CsvLoader.builder();
      switch (rng.nextInt(6)) {
        case 0 -> b.header(CsvLoader.Header.NO);
        case 1 -> b.header(CsvLoader.Header.YES);
        case 2 -> b.label(Integer.toString(rng.nextInt(5) - 2));
        case 3 -> b.targets(CsvLoader.Targets.VALUES);
        case 4 -> b.targets(CsvLoader.Targets.CLASSES).delimiter(';');
        default -> { }
      }
      CsvLoader loader;
      try {
        loader = b.build();
      } catch (IllegalArgumentException e) {
        continue;
      }
      long before = allocated();
      try {
        Dataset d = loader.read(new StringReader(text), "fuzz.csv", "fuzz");
        assertThat(d.size()).isPositive();
        datasets++;
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).startsWith("fuzz.csv").hasSizeGreaterThan(12);
      } catch (Throwable t) {
        fail("input " + i + " " + quote(text) + " threw " + t, t);
      }
      long used = allocated() - before;
      if (i >= WARM_UP && used >= (1L << 20) + 200L * text.length()) {
        fail("input " + i + " " + quote(text) + " allocated " + used + " bytes");
      }
    }
    assertThat(datasets).as("inputs that were valid").isGreaterThan(INPUTS / 50);
  }

  @Test
  @DisplayName("10^5 generated and mutated IDX inputs give an array or a MalformedDataException with a message")
  void idx() throws IOException {
    SplittableRandom rng = new SplittableRandom(7L);
    byte[][] seeds = {idx(0x08, new int[] {3, 2, 2}, 12), idx(0x08, new int[] {5}, 5),
        idx(0x0D, new int[] {2, 3}, 24), idx(0x0B, new int[] {4}, 8), idx(0x0E, new int[] {2}, 16),
        idx(0x0C, new int[] {1, 1, 1, 1}, 4)};
    int arrays = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] bytes = mutated(seeds[rng.nextInt(seeds.length)], rng);
      boolean sizeKnown = rng.nextInt(4) != 0;
      long before = allocated();
      try {
        IdxLoader.IdxArray a = IdxLoader.read(new ByteArrayInputStream(bytes), "fuzz.idx",
            sizeKnown ? bytes.length : -1);
        assertThat(a.values().length).isLessThanOrEqualTo(bytes.length);
        arrays++;
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).startsWith("fuzz.idx").hasSizeGreaterThan(12);
      } catch (Throwable t) {
        fail("input " + i + " " + Arrays.toString(bytes) + " threw " + t, t);
      }
      long used = allocated() - before;
      if (i >= WARM_UP && used >= (2L << 20) + 16L * bytes.length) {
        fail("input " + i + " " + Arrays.toString(bytes) + " allocated " + used + " bytes");
      }
    }
    assertThat(arrays).as("inputs that were valid").isGreaterThan(INPUTS / 50);
  }

  private static String generated(SplittableRandom rng) {
    int rows = 1 + rng.nextInt(6);
    int columns = 1 + rng.nextInt(5);
    StringBuilder s = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        if (c > 0) {
          s.append(',');
        }
        switch (rng.nextInt(5)) {
          case 0 -> s.append(rng.nextInt(4));
          case 1 -> s.append(rng.nextDouble() * 10 - 5);
          case 2 -> s.append("ab".charAt(rng.nextInt(2)));
          case 3 -> s.append(r == 0 ? "label" : "1e" + (rng.nextInt(80) - 40));
          default -> s.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String mutated(String seed, SplittableRandom rng) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + rng.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : rng.nextInt(s.length());
      char c = ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
      switch (rng.nextInt(4)) {
        case 0 -> s.insert(at, c);
        case 1 -> {
          if (s.length() > 0) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (s.length() > 0) {
            s.setCharAt(at, c);
          }
        }
        default -> s.append(s, at, Math.min(s.length(), at + rng.nextInt(20)));
      }
    }
    return s.toString();
  }

  private static byte[] mutated(byte[] seed, SplittableRandom rng) {
    byte[] b = seed;
    int edits = 1 + rng.nextInt(3);
    for (int e = 0; e < edits; e++) {
      switch (rng.nextInt(5)) {
        case 0 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1));
        case 1 -> {
          b = Arrays.copyOf(b, b.length + 1 + rng.nextInt(8));
        }
        default -> {
          if (b.length > 0) {
            b = b.clone();
            int at = rng.nextInt(Math.min(b.length, 24));
            b[at] = (byte) (rng.nextBoolean() ? rng.nextInt(256) : (b[at] ^ (1 << rng.nextInt(8))));
          }
        }
      }
    }
    return b;
  }

  private static byte[] idx(int type, int[] dims, int dataBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
    for (int d : dims) {
      out.writeInt(d);
    }
    for (int i = 0; i < dataBytes; i++) {
      out.writeByte(i * 37);
    }
    return bytes.toByteArray();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
