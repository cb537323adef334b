package dev.disciplina.distributed.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Threads standing for ranks: a mesh group on loopback, each rank's work on its own thread. */
final class LoopbackGroup {

  private LoopbackGroup() {}

  /** Runs {@code work} on every rank of a fresh group of {@code n}; results by rank. */
  static <T> List<T> run(int n, int timeoutMillis, long[] layoutHashes,
      Function<MeshCollective, T> work) throws Exception {
    List<MeshCollective.Listener> listeners = new ArrayList<>();
    List<PeerAddress> addresses = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      MeshCollective.Listener l = MeshCollective.listen("127.0.0.1");
      listeners.add(l);
      addresses.add(new PeerAddress(r, "127.0.0.1", l.port(), layoutHashes[r]));
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        int rank = r;
        futures.add(pool.submit(() -> {
          try (MeshCollective c = listeners.get(rank).join(rank, addresses,
              layoutHashes[rank], timeoutMillis)) {
            return work.apply(c);
          }
        }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
      listeners.forEach(MeshCollective.Listener::close);
    }
  }

  static long[] sameHash(int n) {
    long[] h = new long[n];
    java.util.Arrays.fill(h, 42L);
    return h;
  }
}
