package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.disciplina.api.random.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Batching")
class BatchingTest {

  /** Dataset sizes and batch sizes to try: small ones exhaustively, larger ones at random. */
  private static List<int[]> cases() {
    List<int[]> cases = new java.util.ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      for (int batch = 1; batch <= 12; batch++) {
        cases.add(new int[] {n, batch});
      }
    }
    Rng pick = Rng.seeded(2026);
    for (int i = 0; i < 200; i++) {
      cases.add(new int[] {1 + pick.nextInt(500), 1 + pick.nextInt(64)});
    }
    return cases;
  }

  @Test
  @DisplayName("one epoch visits every example exactly once, in ceil(n / batch) batches")
  void everyExampleOnce() {
    long seed = 0;
    for (int[] c : cases()) {
      everyExampleOnce(c[0], c[1], seed++);
    }
  }

  private void everyExampleOnce(int n, int batchSize, long seed) {
    Batching b = Batching.shuffled(batchSize);
    List<int[]> batches = b.indices(n, Rng.seeded(seed));
    assertThat(batches).hasSize((n + batchSize - 1) / batchSize);
    int[] seen = new int[n];
    for (int[] batch : batches) {
      assertThat(batch.length).isBetween(1, batchSize);
      for (int i : batch) {
        seen[i]++;
      }
    }
    assertThat(seen).containsOnly(1);
  }

  @Test
  @DisplayName("drop-last gives floor(n / batch) full batches and no example twice")
  void dropLast() {
    long seed = 0;
    for (int[] c : cases()) {
      dropLast(c[0], c[1], seed++);
    }
  }

  private void dropLast(int n, int batchSize, long seed) {
    Batching b = new Batching(batchSize, true, true);
    List<int[]> batches = b.indices(n, Rng.seeded(seed));
    assertThat(batches).hasSize(n / batchSize);
    assertThat(b.batchesPerEpoch(n)).isEqualTo(n / batchSize);
    int[] seen = new int[n];
    for (int[] batch : batches) {
      assertThat(batch).hasSize(batchSize);
      for (int i : batch) {
        seen[i]++;
      }
    }
    assertThat(Arrays.stream(seen).sum()).isEqualTo(n / batchSize * batchSize);
    assertThat(seen).containsAnyOf(0, 1).doesNotContain(2);
  }

  @Test
  @DisplayName("the same generator gives the same shuffle, another gives another")
  void seeded() {
    Batching b = Batching.shuffled(7);
    List<int[]> one = b.indices(100, Rng.seeded(1));
    List<int[]> again = b.indices(100, Rng.seeded(1));
    List<int[]> other = b.indices(100, Rng.seeded(2));
    assertThat(one).usingRecursiveComparison().isEqualTo(again);
    assertThat(flatten(one)).isNotEqualTo(flatten(other));
  }

  @Test
  @DisplayName("sequential batching keeps dataset order and ignores the generator")
  void sequential() {
    List<int[]> batches = Batching.sequential(4).indices(10, null);
    assertThat(flatten(batches)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(batches.get(2)).containsExactly(8, 9);
  }

  @Test
  @DisplayName("a batch size below one is refused")
  void badSize() {
    assertThatThrownBy(() -> Batching.shuffled(0)).hasMessageContaining("batch size");
  }

  @Test
  @DisplayName("epoch batches are numbered and view the dataset's rows")
  void epochBatches() {
    Dataset d = Dataset.classification("t", new float[] {0, 1, 2, 3, 4}, 1,
        new int[] {0, 1, 0, 1, 0}, List.of("a", "b"));
    List<Batch> batches = Batching.sequential(2).inOrder(d);
    assertThat(batches).hasSize(3);
    assertThat(batches.get(1).number()).isEqualTo(1);
    assertThat(batches.get(1).labels()).containsExactly(0, 1);
    assertThat(batches.get(2).indices()).containsExactly(4);
  }

  private static int[] flatten(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }
}
