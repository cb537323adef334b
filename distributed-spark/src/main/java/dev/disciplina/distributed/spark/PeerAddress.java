package dev.disciplina.distributed.spark;

/**
 * Where rank {@code rank} listens for its peers, and the hash of its parameter layout ({@link
 * dev.disciplina.trainer.ParamLayout#hash()}): what the ranks exchange once, when they start.
 */
public record PeerAddress(int rank, String host, int port, long layoutHash) {

  public PeerAddress {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, got " + rank);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("rank " + rank + ": no host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("rank " + rank + ": port " + port + " is outside 1..65535");
    }
  }

  /** {@code rank host port layoutHash} on one line, for an exchange of strings. */
  public String encode() {
    return rank + " " + host + " " + port + " " + Long.toHexString(layoutHash);
  }

  /** The inverse of {@link #encode()}; a malformed line is an error that quotes it. */
  public static PeerAddress decode(String line) {
    String[] parts = line == null ? new String[0] : line.trim().split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("malformed peer address '" + line
          + "': expected 'rank host port layoutHash'");
    }
    try {
      return new PeerAddress(Integer.parseInt(parts[0]), parts[1], Integer.parseInt(parts[2]),
          Long.parseUnsignedLong(parts[3], 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed peer address '" + line + "': "
          + e.getMessage(), e);
    }
  }
}
