package dev.disciplina.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;

class ShapeTest {

  @Test
  @DisplayName("a shape knows its rank, dimensions and size; negative axes count from the end")
  void basics() {
    Shape s = Shape.of(2, 3, 4);
    assertThat(s.rank()).isEqualTo(3);
    assertThat(s.size()).isEqualTo(24);
    assertThat(s.dim(-1)).isEqualTo(4);
    assertThat(s.toString()).isEqualTo("[2, 3, 4]");
    assertThat(Shape.scalar().size()).isEqualTo(1);
    assertThat(Shape.of()).isEqualTo(Shape.scalar());
  }

  @Test
  @DisplayName("negative, empty and oversized shapes are rejected with the shape in the message")
  void rejects() {
    assertThatThrownBy(() -> Shape.of(3, -1)).hasMessageContaining("negative dimension -1")
        .hasMessageContaining("[3, -1]");
    assertThatThrownBy(() -> Shape.of(0)).hasMessageContaining("empty dimension");
    assertThatThrownBy(() -> Shape.of(100_000, 100_000)).hasMessageContaining("more than");
    assertThatThrownBy(() -> Shape.of(2, 3).dim(2)).hasMessageContaining("axis 2")
        .hasMessageContaining("[2, 3]");
  }

  @Test
  @DisplayName("broadcasting follows NumPy: align from the end, 1 stretches, else equal")
  void broadcast() {
    assertThat(Shape.broadcast("add", Shape.of(4, 1), Shape.of(3))).isEqualTo(Shape.of(4, 3));
    assertThat(Shape.broadcast("add", Shape.scalar(), Shape.of(2, 2))).isEqualTo(Shape.of(2, 2));
    assertThat(Shape.broadcast("mul", Shape.of(2, 1, 5), Shape.of(3, 1)))
        .isEqualTo(Shape.of(2, 3, 5));
    assertThatThrownBy(() -> Shape.broadcast("sub", Shape.of(2, 3), Shape.of(2)))
        .hasMessageContaining("sub").hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
  }

  @Test
  @DisplayName("broadcasting is symmetric, and each operand broadcasts to the result (all shapes up to rank 3 of sizes 1..3)")
  void broadcastLaws() {
    List<Shape> shapes = new ArrayList<>();
    shapes.add(Shape.scalar());
    for (int rank = 1; rank <= 3; rank++) {
      int count = (int) Math.pow(3, rank);
      for (int code = 0; code < count; code++) {
        int[] dims = new int[rank];
        for (int d = 0, c = code; d < rank; d++, c /= 3) {
          dims[d] = 1 + c % 3;
        }
        shapes.add(Shape.of(dims));
      }
    }
    int broadcastable = 0;
    for (Shape sa : shapes) {
      for (Shape sb : shapes) {
        Shape r;
        try {
          r = Shape.broadcast("op", sa, sb);
        } catch (IllegalArgumentException e) {
          assertThatThrownBy(() -> Shape.broadcast("op", sb, sa))
              .isInstanceOf(IllegalArgumentException.class);
          continue;
        }
        broadcastable++;
        assertThat(Shape.broadcast("op", sb, sa)).isEqualTo(r);
        assertThat(sa.broadcastsTo(r)).isTrue();
        assertThat(sb.broadcastsTo(r)).isTrue();
        assertThat(r.rank()).isEqualTo(Math.max(sa.rank(), sb.rank()));
      }
    }
    assertThat(broadcastable).isGreaterThan(shapes.size());
  }
}
