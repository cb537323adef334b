package dev.disciplina.diagnostics.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV reading")
class CsvTableTest {

  @Test
  @DisplayName("quoted cells keep delimiters, doubled quotes and line breaks, and rows keep the line they start on")
  void quoting() {
    List<CsvTable.Row> rows = CsvTable.parse("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",2,3\nx,y,z\n");
    assertThat(rows.get(0).cells()).containsExactly("a", "b,c", "say \"hi\"");
    assertThat(rows.get(1).cells()).containsExactly("multi\nline", "2", "3");
    assertThat(rows.get(2).line()).isEqualTo(4);
  }

  @Test
  @DisplayName("blank and # comment lines are skipped; semicolons and tabs are detected as delimiters")
  void delimiters() {
    assertThat(CsvTable.parse("# comment\n\na;b\n1;2\n").get(0).cells()).containsExactly("a", "b");
    assertThat(CsvTable.parse("a\tb\n1\t2\n").get(1).cells()).containsExactly("1", "2");
    assertThat(CsvTable.parse("# comment\n\na;b\n").get(0).line()).isEqualTo(3);
  }

  @Test
  @DisplayName("numbers read in every spelling logs use, and empty, None and null are missing")
  void numbers() {
    assertThat(Numbers.parse(" 2.5e-1 ")).isEqualTo(0.25);
    assertThat(Numbers.parse("nan")).isNaN();
    assertThat(Numbers.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Numbers.parse("+inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Numbers.parse("")).isNull();
    assertThat(Numbers.parse("None")).isNull();
    assertThat(Numbers.isNumber("1d")).isFalse();
    assertThat(Numbers.isNumber("0x1p3")).isFalse();
  }
}
