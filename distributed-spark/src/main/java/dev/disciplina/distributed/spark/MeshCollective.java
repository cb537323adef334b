package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.RankOrderSum;
import dev.disciplina.trainer.Shares;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deterministic all-reduce over plain TCP: every pair of ranks shares one socket; rank
 * {@code r} owns slice {@code r} of the flat vector ({@link Shares}), receives every rank's copy
 * of it, sums them in rank order ({@link RankOrderSum}) and sends the sum back to everyone. Each
 * rank sends and receives {@code 2 (N-1)/N} of the vector per all-reduce, like a ring, but the
 * sum is in rank order, so the result equals one process summing the same vectors in order.
 *
 * <p><b>Lifecycle.</b> {@link #listen(String)} opens the listening socket before the ranks
 * exchange addresses; {@link Listener#join} connects the group (lower ranks accept, higher
 * ranks connect, and each side checks the other's rank, group size and layout hash). Every read
 * waits at most the timeout given to {@code join}; a peer that is silent, gone or out of step
 * fails the group with a {@link CollectiveException} naming it, and the caller must {@link
 * #close()} it. One thread (the rank's training thread) calls the operations; writes to peers
 * run on a small internal pool so that no pair of ranks can block each other.
 */
public final class MeshCollective implements Collective {

  private static final int MAGIC = 0x44534331; // "DSC1"
  private static final int PHASE_SCATTER = 1;
  private static final int PHASE_GATHER = 2;
  private static final int PHASE_DOUBLES = 3;

  private final int rank;
  private final int size;
  private final int timeoutMillis;
  private final Socket[] sockets;
  private final DataInputStream[] in;
  private final DataOutputStream[] out;
  private final String[] names;
  private final ExecutorService writers;
  private final byte[][] sendBytes;
  private byte[][] receiveBytes;
  private float[][] copies;
  private float[] sums;
  private int sequence;
  private boolean broken;

  private MeshCollective(int rank, int size, int timeoutMillis, Socket[] sockets,
      String[] names) throws IOException {
    this.rank = rank;
    this.size = size;
    this.timeoutMillis = timeoutMillis;
    this.sockets = sockets;
    this.names = names;
    this.in = new DataInputStream[size];
    this.out = new DataOutputStream[size];
    this.sendBytes = new byte[size][];
    this.receiveBytes = new byte[size][];
    for (int p = 0; p < size; p++) {
      if (p != rank) {
        in[p] = new DataInputStream(new BufferedInputStream(sockets[p].getInputStream(), 1 << 16));
        out[p] = new DataOutputStream(
            new BufferedOutputStream(sockets[p].getOutputStream(), 1 << 16));
      }
    }
    this.writers = Executors.newFixedThreadPool(Math.max(1, size - 1), r -> {
      Thread t = new Thread(r, "disciplina-mesh-rank" + rank + "-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens a listening socket on {@code bindHost} (an ephemeral port), to be joined later. */
  public static Listener listen(String bindHost) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), 0), 64);
      return new Listener(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bindHost + ": " + e.getMessage(), e);
    }
  }

  /** A listening socket, open from before the address exchange until the group is joined. */
  public static final class Listener implements AutoCloseable {
    private final ServerSocket server;

    private Listener(ServerSocket server) {
      this.server = server;
    }

    public int port() {
      return server.getLocalPort();
    }

    /**
     * Connects rank {@code rank} to every other rank of {@code addresses} (indexed by rank) and
     * closes this listener. Reads, connects and accepts wait at most {@code timeoutMillis}.
     */
    public MeshCollective join(int rank, List<PeerAddress> addresses, long layoutHash,
        int timeoutMillis) {
      int size = addresses.size();
      if (rank < 0 || rank >= size) {
        throw new IllegalArgumentException("rank " + rank + " is outside a group of " + size);
      }
      if (timeoutMillis < 1) {
        throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeoutMillis);
      }
      for (int p = 0; p < size; p++) {
        PeerAddress a = addresses.get(p);
        if (a.rank() != p) {
          throw new IllegalArgumentException("address " + p + " belongs to rank " + a.rank());
        }
        if (a.layoutHash() != layoutHash) {
          throw new CollectiveException(mismatch(rank, layoutHash, p, a.layoutHash()));
        }
      }
      Socket[] sockets = new Socket[size];
      String[] names = new String[size];
      try (ServerSocket s = server) {
        for (int q = 0; q < rank; q++) {
          PeerAddress a = addresses.get(q);
          names[q] = "rank " + q + " (" + a.host() + ":" + a.port() + ")";
          sockets[q] = connect(a, timeoutMillis, names[q]);
          DataOutputStream hello = new DataOutputStream(sockets[q].getOutputStream());
          hello.writeInt(MAGIC);
          hello.writeInt(rank);
          hello.writeInt(size);
          hello.writeLong(layoutHash);
          hello.flush();
        }
        s.setSoTimeout(timeoutMillis);
        for (int accepted = rank + 1; accepted < size; accepted++) {
          Socket socket;
          try {
            socket = s.accept();
          } catch (SocketTimeoutException e) {
            throw new CollectiveException("rank " + rank + ": only " + (accepted - rank - 1)
                + " of the " + (size - rank - 1) + " higher ranks connected within "
                + timeoutMillis + " ms; failing the group");
          }
          configure(socket, timeoutMillis);
          DataInputStream hello = new DataInputStream(socket.getInputStream());
          int magic = hello.readInt();
          int peer = hello.readInt();
          int peerSize = hello.readInt();
          long peerHash = hello.readLong();
          if (magic != MAGIC || peer <= rank || peer >= size || sockets[peer] != null
              || peerSize != size) {
            socket.close();
            throw new CollectiveException("rank " + rank + ": unexpected connection from "
                + socket.getRemoteSocketAddress() + " (rank " + peer + " of " + peerSize
                + "); failing the group");
          }
          if (peerHash != layoutHash) {
            socket.close();
            throw new CollectiveException(mismatch(rank, layoutHash, peer, peerHash));
          }
          sockets[peer] = socket;
          PeerAddress a = addresses.get(peer);
          names[peer] = "rank " + peer + " (" + a.host() + ":" + a.port() + ")";
        }
        return new MeshCollective(rank, size, timeoutMillis, sockets, names);
      } catch (IOException e) {
        closeAll(sockets);
        throw new CollectiveException("rank " + rank + ": cannot connect the group: "
            + e.getMessage(), e);
      } catch (RuntimeException e) {
        closeAll(sockets);
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        // nothing to release beyond the socket itself
      }
    }
  }

  private static String mismatch(int rank, long mine, int peer, long theirs) {
    return "rank " + rank + " has parameter layout " + Long.toHexString(mine) + " but rank "
        + peer + " has " + Long.toHexString(theirs)
        + ": the ranks built different models; every rank must build the same model";
  }

  private static Socket connect(PeerAddress a, int timeoutMillis, String name) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(a.host(), a.port()), timeoutMillis);
        configure(socket, timeoutMillis);
        return socket;
      } catch (IOException e) {
        socket.close();
        if (System.nanoTime() > deadline) {
          throw new CollectiveException("cannot connect to " + name + " within " + timeoutMillis
              + " ms: " + e.getMessage(), e);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new CollectiveException("interrupted while connecting to " + name, ie);
        }
      }
    }
  }

  private static void configure(Socket socket, int timeoutMillis) throws IOException {
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    socket.setSendBufferSize(1 << 20);
    socket.setReceiveBufferSize(1 << 20);
  }

  @Override
  public int rank() {
    return rank;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void allReduceSum(float[] data) {
    checkUsable();
    if (size == 1) {
      float[][] one = {data};
      float[] sum = new float[data.length];
      RankOrderSum.sum(one, 0, data.length, sum);
      System.arraycopy(sum, 0, data, 0, data.length);
      return;
    }
    int[] b = Shares.bounds(data.length, size);
    ensureBuffers(data.length, b);
    int seq = ++sequence;
    try {
      List<Future<?>> sends = new ArrayList<>(size - 1);
      for (int q = 0; q < size; q++) {
        if (q != rank) {
          sends.add(sendFloats(q, seq, PHASE_SCATTER, data, b[q], b[q + 1] - b[q]));
        }
      }
      for (int p = 0; p < size; p++) {
        copies[p] = p == rank ? data : copies[p];
        if (p != rank) {
          receiveFloats(p, seq, PHASE_SCATTER, copies[p], b[rank], b[rank + 1] - b[rank]);
        }
      }
      await(sends, "sending slices");
      RankOrderSum.sum(copies, b[rank], b[rank + 1], sums);
      sends.clear();
      for (int q = 0; q < size; q++) {
        if (q != rank) {
          sends.add(sendFloats(q, seq, PHASE_GATHER, sums, b[rank], b[rank + 1] - b[rank]));
        }
      }
      for (int p = 0; p < size; p++) {
        if (p != rank) {
          receiveFloats(p, seq, PHASE_GATHER, data, b[p], b[p + 1] - b[p]);
        }
      }
      System.arraycopy(sums, b[rank], data, b[rank], b[rank + 1] - b[rank]);
      await(sends, "sending sums");
    } catch (RuntimeException e) {
      broken = true;
      closeAll(sockets);
      throw e;
    }
  }

  @Override
  public double[][] allGather(double[] mine) {
    checkUsable();
    double[][] all = new double[size][];
    all[rank] = mine.clone();
    if (size == 1) {
      return all;
    }
    int seq = ++sequence;
    try {
      List<Future<?>> sends = new ArrayList<>(size - 1);
      for (int q = 0; q < size; q++) {
        if (q != rank) {
          int peer = q;
          sends.add(writers.submit(() -> {
            DataOutputStream o = out[peer];
            header(o, seq, PHASE_DOUBLES, 0, mine.length);
            for (double v : mine) {
              o.writeLong(Double.doubleToRawLongBits(v));
            }
            o.flush();
            return null;
          }));
        }
      }
      for (int p = 0; p < size; p++) {
        if (p != rank) {
          DataInputStream i = in[p];
          try {
            checkHeader(p, i, seq, PHASE_DOUBLES, 0, mine.length);
            double[] theirs = new double[mine.length];
            for (int k = 0; k < theirs.length; k++) {
              theirs[k] = Double.longBitsToDouble(i.readLong());
            }
            all[p] = theirs;
          } catch (IOException e) {
            throw readFailure(p, seq, e);
          }
        }
      }
      await(sends, "sending values");
      return all;
    } catch (RuntimeException e) {
      broken = true;
      closeAll(sockets);
      throw e;
    }
  }

  private void ensureBuffers(int length, int[] b) {
    if (sums == null || sums.length != length) {
      sums = new float[length];
      copies = new float[size][];
      for (int p = 0; p < size; p++) {
        copies[p] = p == rank ? null : new float[length];
      }
      int largest = 0;
      for (int r = 0; r < size; r++) {
        largest = Math.max(largest, b[r + 1] - b[r]);
      }
      for (int p = 0; p < size; p++) {
        if (p != rank) {
          sendBytes[p] = new byte[largest * Float.BYTES];
          receiveBytes[p] = new byte[largest * Float.BYTES];
        }
      }
    }
  }

  private Future<?> sendFloats(int peer, int seq, int phase, float[] src, int from, int length) {
    return writers.submit(() -> {
      byte[] bytes = sendBytes[peer];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(src, from, length);
      DataOutputStream o = out[peer];
      header(o, seq, phase, from, length);
      o.write(bytes, 0, length * Float.BYTES);
      o.flush();
      return null;
    });
  }

  private void receiveFloats(int peer, int seq, int phase, float[] dest, int from, int length) {
    DataInputStream i = in[peer];
    try {
      checkHeader(peer, i, seq, phase, from, length);
      byte[] bytes = receiveBytes[peer];
      i.readFully(bytes, 0, length * Float.BYTES);
      ByteBuffer.wrap(bytes, 0, length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(dest, from, length);
    } catch (IOException e) {
      throw readFailure(peer, seq, e);
    }
  }

  private static void header(DataOutputStream o, int seq, int phase, int from, int length)
      throws IOException {
    o.writeInt(seq);
    o.writeInt(phase);
    o.writeInt(from);
    o.writeInt(length);
  }

  private void checkHeader(int peer, DataInputStream i, int seq, int phase, int from,
      int length) throws IOException {
    int s = i.readInt();
    int ph = i.readInt();
    int f = i.readInt();
    int n = i.readInt();
    if (s != seq || ph != phase || f != from || n != length) {
      throw new CollectiveException("rank " + rank + ": " + names[peer] + " is out of step: sent"
          + " operation " + s + " phase " + ph + " [" + f + ", +" + n + "), expected operation "
          + seq + " phase " + phase + " [" + from + ", +" + length + "); failing the group");
    }
  }

  private CollectiveException readFailure(int peer, int seq, IOException e) {
    if (e instanceof SocketTimeoutException) {
      return new CollectiveException("rank " + rank + ": no message from " + names[peer]
          + " within " + timeoutMillis + " ms (collective operation " + seq
          + "); failing the group", e);
    }
    if (e instanceof EOFException) {
      return new CollectiveException("rank " + rank + ": " + names[peer]
          + " closed its connection during collective operation " + seq + "; failing the group",
          e);
    }
    return new CollectiveException("rank " + rank + ": reading from " + names[peer]
        + " failed during collective operation " + seq + ": " + e.getMessage()
        + "; failing the group", e);
  }

  private void await(List<Future<?>> sends, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Future<?> f : sends) {
      try {
        f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new CollectiveException("rank " + rank + ": " + what + " did not finish within "
            + timeoutMillis + " ms; failing the group", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectiveException("rank " + rank + ": interrupted while " + what, e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw new CollectiveException("rank " + rank + ": " + what + " failed: "
            + c.getMessage() + "; failing the group", c);
      }
    }
  }

  private void checkUsable() {
    if (broken) {
      throw new IllegalStateException("rank " + rank + ": this group failed earlier; close it");
    }
  }

  private static void closeAll(Socket[] sockets) {
    for (Socket s : sockets) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // closing a broken socket: nothing more to do
        }
      }
    }
  }

  @Override
  public void close() {
    closeAll(sockets);
    writers.shutdownNow();
  }
}
