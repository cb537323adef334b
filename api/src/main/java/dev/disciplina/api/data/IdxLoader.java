package dev.disciplina.api.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header {@code 0x00 0x00 TYPE
 * RANK}, {@code RANK} 32-bit dimensions, then the values row-major. Files may be raw or
 * gzip-compressed; compression is recognised by its magic bytes, not the file name.
 *
 * <p>An images file ({@code [n, rows, cols]} or any rank &ge; 2) and a labels file ({@code [n]})
 * make a classification {@link Dataset} with one feature per pixel. Unsigned-byte pixels are
 * scaled to {@code [0, 1]}; other value types are kept as they are. Errors name the file and the
 * byte offset.
 */
public final class IdxLoader {

  private static final int UBYTE = 0x08;
  private static final int BYTE = 0x09;
  private static final int SHORT = 0x0B;
  private static final int INT = 0x0C;
  private static final int FLOAT = 0x0D;
  private static final int DOUBLE = 0x0E;

  private IdxLoader() {}

  /**
   * One IDX file: its dimensions and values (as float32).
   *
   * @param valueBytes the width of one value in the file: 1, 2, 4 or 8
   */
  public record IdxArray(List<Integer> dimensions, float[] values, boolean unsignedBytes,
      int valueBytes) {
    public IdxArray {
      dimensions = List.copyOf(dimensions);
    }

    /** The size of the first dimension: the number of items. */
    public int count() {
      return dimensions.get(0);
    }
  }

  /**
   * A classification dataset from an images file and a labels file; classes are named by {@code
   * classNames}, or {@code 0..k-1} when it is empty (k one more than the largest label).
   */
  public static Dataset load(String name, Path images, Path labels, List<String> classNames)
      throws IOException {
    IdxArray x = read(images);
    IdxArray y = read(labels);
    if (x.dimensions().size() < 2) {
      throw MalformedDataException.inFile(images.toString(), "expected images of rank >= 2, "
          + "found dimensions " + x.dimensions() + " (is this a labels file?)");
    }
    if (y.dimensions().size() != 1) {
      throw MalformedDataException.inFile(labels.toString(), "expected labels of rank 1, found "
          + "dimensions " + y.dimensions() + " (is this an images file?)");
    }
    if (x.count() != y.count()) {
      throw MalformedDataException.inFile(labels.toString(), "has " + y.count()
          + " labels but " + images + " has " + x.count() + " images");
    }
    int n = x.count();
    int d = n == 0 ? 1 : x.values().length / n;
    float[] features = x.values();
    if (x.unsignedBytes()) {
      for (int i = 0; i < features.length; i++) {
        features[i] /= 255f;
      }
    }
    int[] l = new int[n];
    int max = -1;
    int itemOfMax = -1;
    for (int i = 0; i < n; i++) {
      float v = y.values()[i];
      if (v < 0 || v != Math.rint(v) || v > CsvLoader.MAX_CLASSES) {
        throw MalformedDataException.atByte(labels.toString(), labelOffset(y, i),
            "label " + v + " of item " + i + " is not a class index");
      }
      l[i] = (int) v;
      if (l[i] > max) {
        max = l[i];
        itemOfMax = i;
      }
    }
    List<String> names = classNames;
    if (names.isEmpty()) {
      boolean[] seen = new boolean[max + 1];
      int distinct = 0;
      for (int label : l) {
        if (!seen[label]) {
          seen[label] = true;
          distinct++;
        }
      }
      if (distinct < max + 1 && max >= 10) {
        throw MalformedDataException.atByte(labels.toString(), labelOffset(y, itemOfMax),
            "label " + max + " of item " + itemOfMax + " is above the " + (distinct - 1)
            + " classes the other labels use (" + (max + 1 - distinct) + " of 0.." + max
            + " have no example): a corrupt labels file?");
      }
      names = new ArrayList<>();
      for (int c = 0; c <= max; c++) {
        names.add(Integer.toString(c));
      }
    } else if (max >= names.size()) {
      throw MalformedDataException.atByte(labels.toString(), labelOffset(y, itemOfMax), "label "
          + max + " of item " + itemOfMax + " is outside the " + names.size() + " classes "
          + names);
    }
    return Dataset.classification(name, features, d, l, names);
  }

  /**
   * The dataset of one part ({@code train} or {@code t10k}) of a directory in the MNIST layout:
   * {@code PART-images-idx3-ubyte} and {@code PART-labels-idx1-ubyte}, each raw or with {@code
   * .gz}.
   */
  public static Dataset loadDirectory(Path dir, String part, String name, List<String> classNames)
      throws IOException {
    Path images = find(dir, part + "-images-idx3-ubyte");
    Path labels = find(dir, part + "-labels-idx1-ubyte");
    return load(name, images, labels, classNames);
  }

  private static long labelOffset(IdxArray labels, int item) {
    return headerBytes(1) + (long) item * labels.valueBytes();
  }

  /** {@code dir/base.gz} or {@code dir/base}, whichever exists. */
  static Path find(Path dir, String base) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a directory");
    }
    for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new NoSuchFileException(dir.resolve(base + ".gz").toString(), null,
        "no " + base + " or " + base + ".gz in " + dir);
  }

  /**
   * Reads one IDX file, raw or gzip-compressed. The header is checked against the size of a raw
   * file before anything is allocated; a compressed file's values are allocated as they arrive,
   * so a header that claims more than the file holds costs no more memory than the file.
   */
  public static IdxArray read(Path file) throws IOException {
    String source = file.toString();
    long fileSize = Files.size(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        try {
          InputStream in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
          return read(in, source, -1);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
          throw MalformedDataException.inFile(source, "corrupt gzip data ("
              + (e.getMessage() == null ? "truncated" : e.getMessage()) + ")");
        }
      }
      return read(raw, source, fileSize);
    }
  }

  private static long headerBytes(int rank) {
    return 4L + 4L * rank;
  }

  /** Reads from {@code in}; {@code size} is the file's size in bytes, or -1 when unknown. */
  static IdxArray read(InputStream in, String source, long size) throws IOException {
    byte[] magic = new byte[4];
    int got = in.readNBytes(magic, 0, 4);
    if (got < 4) {
      throw MalformedDataException.atByte(source, got, "the file ends inside the 4-byte header"
          + " (" + got + " bytes): not an IDX file");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw MalformedDataException.atByte(source, 0, String.format(
          "magic number 0x%02x%02x%02x%02x does not start with 0x0000: not an IDX file",
          magic[0], magic[1], magic[2], magic[3]));
    }
    int type = magic[2] & 0xff;
    int width = switch (type) {
      case UBYTE, BYTE -> 1;
      case SHORT -> 2;
      case INT, FLOAT -> 4;
      case DOUBLE -> 8;
      default -> throw MalformedDataException.atByte(source, 2, String.format(
          "unknown value type 0x%02x (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)", type));
    };
    int rank = magic[3] & 0xff;
    if (rank < 1) {
      throw MalformedDataException.atByte(source, 3, "rank 0: an IDX file needs dimensions");
    }
    long start = headerBytes(rank);
    if (size >= 0 && size < start) {
      throw MalformedDataException.atByte(source, size, "the file ends inside the " + start
          + "-byte header of rank " + rank + " (" + size + " bytes)");
    }
    List<Integer> dims = new ArrayList<>();
    long count = 1;
    byte[] four = new byte[4];
    for (int r = 0; r < rank; r++) {
      if (in.readNBytes(four, 0, 4) < 4) {
        throw MalformedDataException.atByte(source, 4 + 4L * r,
            "the file ends inside dimension " + (r + 1) + " of " + rank);
      }
      int dim = ByteBuffer.wrap(four).getInt();
      if (dim < 0) {
        throw MalformedDataException.atByte(source, 4 + 4L * r, "negative dimension " + dim);
      }
      dims.add(dim);
      count = count == 0 ? 0 : Math.min(count * dim, Long.MAX_VALUE / 16);
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw MalformedDataException.atByte(source, 4, "dimensions " + dims + " hold " + count
          + " values, too many for one array");
    }
    long bytes = count * width;
    if (size >= 0 && size - start != bytes) {
      throw MalformedDataException.atByte(source, Math.min(size, start + bytes), (size - start
          < bytes ? "truncated: " : "unexpected bytes: ") + "dimensions " + dims + " need "
          + bytes + " bytes of values after the " + start + "-byte header, the file has "
          + (size - start));
    }
    int n = (int) count;
    // Known size: the whole array at once. Unknown (compressed): grown as the values arrive.
    float[] values = new float[size >= 0 ? n : Math.min(n, 1 << 16)];
    byte[] chunk = new byte[Math.max(width, (1 << 16) / width * width)];
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    int done = 0;
    while (done < n) {
      int want = (int) Math.min(chunk.length, (long) (n - done) * width);
      int read = in.readNBytes(chunk, 0, want);
      if (read < want) {
        long have = (long) done * width + read;
        throw MalformedDataException.atByte(source, start + have, "truncated: dimensions "
            + dims + " need " + bytes + " bytes of values after the " + start
            + "-byte header, the file has " + have);
      }
      int items = read / width;
      if (done + items > values.length) {
        values = java.util.Arrays.copyOf(values,
            (int) Math.min(n, Math.max((long) done + items, 2L * values.length)));
      }
      for (int i = 0; i < items; i++) {
        values[done + i] = switch (type) {
          case UBYTE -> chunk[i] & 0xff;
          case BYTE -> chunk[i];
          case SHORT -> buf.getShort(i * 2);
          case INT -> buf.getInt(i * 4);
          case FLOAT -> buf.getFloat(i * 4);
          default -> (float) buf.getDouble(i * 8);
        };
      }
      done += items;
    }
    if (in.read() != -1) {
      throw MalformedDataException.atByte(source, start + bytes,
          "unexpected bytes after the " + n + " values of dimensions " + dims);
    }
    return new IdxArray(dims, values, type == UBYTE, width);
  }
}
