package dev.disciplina.distributed.spark;

import dev.disciplina.trainer.RankOrderSum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeshCollectiveTest {

  private static float[][] vectors(int n, int length, long seed) {
    Random random = new Random(seed);
    float[][] v = new float[n][length];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < length; i++) {
        // mixed magnitudes, so that a different summation order changes the bits
        v[r][i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
      }
    }
    return v;
  }

  private static void assertBitIdentical(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
        throw new AssertionError("element " + i + ": " + actual[i] + " != " + expected[i]);
      }
    }
  }

  @Test
  @DisplayName("every rank ends with the bits of a sequential rank-order sum, for 2, 3 and 4 ranks and uneven slices")
  void allReduceIsRankOrderSum() throws Exception {
    for (int n = 2; n <= 4; n++) {
      for (int length : new int[] {1, n - 1, 1001, 7850}) {
        float[][] v = vectors(n, length, 31L * n + length);
        float[] expected = RankOrderSum.sum(v);
        List<float[]> results = LoopbackGroup.run(n, 10_000, LoopbackGroup.sameHash(n), c -> {
          float[] mine = v[c.rank()].clone();
          for (int step = 0; step < 3; step++) {
            float[] again = v[c.rank()].clone();
            c.allReduceSum(again);
            assertBitIdentical(again, expected);
          }
          c.allReduceSum(mine);
          return mine;
        });
        for (float[] r : results) {
          assertBitIdentical(r, expected);
        }
      }
    }
  }

  @Test
  @DisplayName("the rank-order sum differs from another summation order, so the bit check can fail")
  void orderMatters() {
    float[][] v = vectors(3, 7850, 5);
    float[] forward = RankOrderSum.sum(v);
    float[] backward = RankOrderSum.sum(new float[][] {v[2], v[1], v[0]});
    int differ = 0;
    for (int i = 0; i < forward.length; i++) {
      if (Float.floatToRawIntBits(forward[i]) != Float.floatToRawIntBits(backward[i])) {
        differ++;
      }
    }
    assertThat(differ).isPositive();
  }

  @Test
  @DisplayName("allGather returns every rank's doubles by rank")
  void allGather() throws Exception {
    List<double[][]> results = LoopbackGroup.run(3, 10_000, LoopbackGroup.sameHash(3),
        c -> c.allGather(new double[] {c.rank() + 0.1, -c.rank()}));
    for (double[][] all : results) {
      assertThat(all).hasDimensions(3, 2);
      for (int r = 0; r < 3; r++) {
        assertThat(all[r]).containsExactly(r + 0.1, -r);
      }
    }
  }

  @Test
  @DisplayName("a peer that stops answering fails the group within the read timeout, naming the peer")
  void silentPeerTimesOut() {
    assertThatThrownBy(() -> LoopbackGroup.run(2, 400, LoopbackGroup.sameHash(2), c -> {
      if (c.rank() == 0) {
        c.allReduceSum(new float[1000]);
      } else {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    }))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CollectiveException.class)
        .hasMessageContaining("rank 0: no message from rank 1")
        .hasMessageContaining("within 400 ms");
  }

  @Test
  @DisplayName("ranks with different parameter layouts refuse to form a group")
  void layoutMismatch() {
    assertThatThrownBy(() -> LoopbackGroup.run(2, 2000, new long[] {1L, 2L}, c -> null))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CollectiveException.class)
        .hasMessageContaining("rank 0 has parameter layout 1 but rank 1 has 2");
  }
}
