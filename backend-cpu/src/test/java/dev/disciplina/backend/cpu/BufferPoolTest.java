package dev.disciplina.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.disciplina.api.tensor.Scope;
import dev.disciplina.api.tensor.Shape;
import dev.disciplina.api.tensor.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Buffer pooling")
class BufferPoolTest {

  /** One iteration of a small training-like step: forward, loss, gradients, update. */
  static void step(Tensor w, Tensor b, Tensor x, Tensor y) {
    Tensor h = x.backend().linear(x, w, b).relu();
    var lg = x.backend().softmaxCrossEntropy(h, y);
    Tensor gw = lg.gradient().matmul(true, x, false);
    Tensor gb = lg.gradient().sum(0, false);
    x.backend().sgdStep(w, gw, null, 0.1f, 0f, false, 0f);
    x.backend().sgdStep(b, gb, null, 0.1f, 0f, false, 0f);
  }

  @Test
  @DisplayName("after the first iteration, a loop with one scope per iteration allocates no arrays")
  void steadyState() {
    CpuBackend backend = new CpuBackend(2);
    try (Scope model = Scope.open(backend)) {
      Tensor w = Tensor.full(Shape.of(10, 300), 0.01f);
      Tensor b = Tensor.zeros(Shape.of(10));
      Tensor x = Tensor.full(Shape.of(64, 300), 0.5f);
      Tensor y = Tensor.oneHot(new int[64], 10);
      try (Scope first = Scope.open()) {
        step(w, b, x, y);
      }
      long allocated = backend.pool().stats().allocated();
      long reused = backend.pool().stats().reused();
      for (int i = 0; i < 20; i++) {
        try (Scope iteration = Scope.open()) {
          step(w, b, x, y);
        }
      }
      assertThat(backend.pool().stats().allocated()).isEqualTo(allocated);
      assertThat(backend.pool().stats().reused()).isGreaterThan(reused);
    }
  }

  @Test
  @DisplayName("a closed tensor's buffer is handed out again, and never one still in use")
  void neverSharesLiveBuffers() {
    CpuBackend backend = new CpuBackend(1);
    try (Scope s = Scope.open(backend)) {
      Set<float[]> live = Collections.newSetFromMap(new IdentityHashMap<>());
      CpuTensor kept = (CpuTensor) Tensor.zeros(Shape.of(8));
      live.add(kept.data);
      CpuTensor freed = (CpuTensor) Tensor.zeros(Shape.of(8));
      float[] freedData = freed.data;
      freed.close();
      assertThat(freed.data).isNull();
      CpuTensor again = (CpuTensor) Tensor.ones(Shape.of(8));
      assertThat(again.data).isSameAs(freedData);
      CpuTensor fresh = (CpuTensor) Tensor.ones(Shape.of(8));
      assertThat(live).doesNotContain(fresh.data, again.data);
      assertThat(fresh.data).isNotSameAs(again.data);
      assertThat(kept.toArray()).containsOnly(0f);
    }
  }

  @Test
  @DisplayName("the pool keeps at most its budget of idle floats")
  void bounded() {
    BufferPool pool = new BufferPool(100);
    float[] a = pool.take(60);
    float[] b = pool.take(60);
    pool.give(a);
    pool.give(b);
    assertThat(pool.stats().pooledFloats()).isEqualTo(60);
    assertThat(pool.stats().dropped()).isEqualTo(1);
    assertThat(pool.take(60)).isSameAs(a);
  }

  @Test
  @DisplayName("lengths beyond the map's first capacity are pooled too")
  void manyLengths() {
    BufferPool pool = new BufferPool(1 << 20);
    for (int len = 1; len <= 300; len++) {
      pool.give(new float[len]);
    }
    for (int len = 1; len <= 300; len++) {
      assertThat(pool.take(len)).hasSize(len);
    }
    assertThat(pool.stats().allocated()).isZero();
    assertThat(pool.stats().reused()).isEqualTo(300);
  }
}
