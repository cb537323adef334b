package dev.disciplina.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scales and number formatting")
class ScaleTest {

  @Test
  @DisplayName("linear ticks are round steps that cover the data")
  void linearTicks() {
    Scale s = Scale.linear(0.031, 2.29, 6, false);
    assertThat(s.ticks()).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.5);
    assertThat(s.label(0.5)).isEqualTo("0.5");
    assertThat(Scale.linear(1, 12, 8, true).ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0);
  }

  @Test
  @DisplayName("for any range, linear ticks are 1, 2 or 5 times a power of ten apart and span the range")
  void linearLaw() {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      double a = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8) - 4);
      double b = a + random.nextDouble() * Math.pow(10, random.nextInt(8) - 4);
      Scale s = Scale.linear(a, b, 6, false);
      List<Double> t = s.ticks();
      assertThat(s.min()).isLessThanOrEqualTo(a);
      assertThat(s.max()).isGreaterThanOrEqualTo(b);
      assertThat(t).hasSizeBetween(2, 12);
      double step = t.get(1) - t.get(0);
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertThat(Math.round(mantissa * 1000) / 1000.0).as("step %s for [%s, %s]", step, a, b).isIn(1.0, 2.0, 5.0);
    }
  }

  @Test
  @DisplayName("values spanning more than a decade get a log scale with ticks at 1, 2 and 5 times powers of ten")
  void logTicks() {
    Scale s = Scale.forValues(new double[] {0.031, 0.4, 2.29}, 6);
    assertThat(s.isLog()).isTrue();
    assertThat(s.ticks()).containsExactly(0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0);
    assertThat(s.min()).isEqualTo(0.02);
    assertThat(s.max()).isEqualTo(5.0);
    assertThat(Scale.log(0.066, 1.9).min()).isEqualTo(0.05);
    assertThat(Scale.log(0.066, 1.9).max()).isEqualTo(2.0);
    assertThat(s.label(0.05)).isEqualTo("0.05");
    assertThat(Scale.forValues(new double[] {0.5, 2.3, Double.NaN}, 6).isLog()).isFalse();
    assertThat(Scale.forValues(new double[] {-1, 20}, 6).isLog()).isFalse();
  }

  @Test
  @DisplayName("numbers are written the same in every locale, with fixed decimals and no trailing zeros")
  void numbers() {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.GERMANY);
      assertThat(Numbers.coord(12.345)).isEqualTo("12.35");
      assertThat(Numbers.coord(3.0)).isEqualTo("3");
      assertThat(Numbers.coord(-0.001)).isEqualTo("0");
      assertThat(Numbers.coord(1e7)).isEqualTo("10000000");
      assertThat(Numbers.significant(0.035812, 4)).isEqualTo("0.03581");
      assertThat(Numbers.significant(1.2e-5, 2)).isEqualTo("1.2e-05");
      assertThat(Numbers.fixed(Double.NaN, 2)).isEqualTo("NaN");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("the SVG writer escapes text and attributes and refuses an unclosed element")
  void writer() {
    SvgWriter w = new SvgWriter();
    w.start("g", "class", "a\"b", "skip", null).text("text", "1 < 2 & 3", "x", 1.5).end();
    assertThat(w.toString()).isEqualTo("<g class=\"a&quot;b\">\n  <text x=\"1.5\">1 &lt; 2 &amp; 3</text>\n</g>\n");
    SvgWriter open = new SvgWriter().start("svg");
    org.assertj.core.api.Assertions.assertThatThrownBy(open::toString).isInstanceOf(IllegalStateException.class);
  }
}
