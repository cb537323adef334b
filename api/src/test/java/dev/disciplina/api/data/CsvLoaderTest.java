package dev.disciplina.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvLoader")
class CsvLoaderTest {

  @TempDir Path dir;

  private static Dataset read(CsvLoader loader, String text) throws IOException {
    return loader.read(new StringReader(text), "test.csv", "test");
  }

  @Test
  @DisplayName("a header is detected and the last column is the label by default")
  void headerDetected() throws IOException {
    Dataset d = read(CsvLoader.defaults(), "a,b,species\n1,2,cat\n3,4,dog\n5,6,cat\n");
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.featureCount()).isEqualTo(2);
    assertThat(d.classNames()).containsExactly("cat", "dog");
    assertThat(d.labels()).containsExactly(0, 1, 0);
    assertThat(d.row(1)).containsExactly(3f, 4f);
  }

  @Test
  @DisplayName("without a header the first line is data; a label column can be chosen by index")
  void noHeaderLabelFirst() throws IOException {
    Dataset d = read(CsvLoader.builder().header(false).labelColumn(0).build(),
        "1,0.5,0.25\n0,1.5,2.5\n");
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.labels()).containsExactly(1, 0);
    assertThat(d.row(0)).containsExactly(0.5f, 0.25f);
  }

  @Test
  @DisplayName("the label column can be named in the header")
  void labelByName() throws IOException {
    Dataset d = read(CsvLoader.builder().labelColumn("y").build(), "y,x1,x2\n2,1,1\n0,2,2\n");
    assertThat(d.labels()).containsExactly(1, 0);
    assertThat(d.classNames()).containsExactly("0", "2");
  }

  @Test
  @DisplayName("many distinct real labels are read as regression targets")
  void regression() throws IOException {
    Dataset d = read(CsvLoader.defaults(), "x,y\n1,0.5\n2,1.25\n3,2.75\n");
    assertThat(d.isClassification()).isFalse();
    assertThat(d.targets()).containsExactly(0.5f, 1.25f, 2.75f);
    Dataset forced = read(CsvLoader.builder().targets(CsvLoader.Targets.VALUES).build(),
        "x,y\n1,1\n2,2\n");
    assertThat(forced.isClassification()).isFalse();
  }

  @Test
  @DisplayName("quoted fields and semicolons are understood")
  void quotes() throws IOException {
    Dataset d = read(CsvLoader.builder().delimiter(';').build(),
        "\"a;1\";label\n\"1.5\";\"x \"\"y\"\"\"\n2;z\n");
    assertThat(d.classNames()).containsExactly("x \"y\"", "z");
    assertThat(d.row(0)).containsExactly(1.5f);
  }

  @Test
  @DisplayName("a short row is an error naming the file and line")
  void shortRow() {
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "a,b,c\n1,2,0\n\n3,4\n"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("test.csv:4: expected 3 fields (as in the header), found 2");
  }

  @Test
  @DisplayName("a non-numeric feature is an error naming file, line and column")
  void badNumber() {
    assertThatThrownBy(() -> read(CsvLoader.builder().header(false).build(), "1,2,0\n1,x,1\n"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("test.csv:2:")
        .hasMessageContaining("column 2")
        .hasMessageContaining("'x' is not a number");
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "a,b\n1,0\n,1\n"))
        .hasMessageContaining("test.csv:3: missing value in column 1");
  }

  @Test
  @DisplayName("an empty file, or a header alone, is an error")
  void empty() {
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "\n\n"))
        .hasMessage("test.csv: is empty");
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "a,b\n"))
        .hasMessage("test.csv: has a header but no examples");
  }

  @Test
  @DisplayName("files ending in .gz are decompressed; a fake .gz is a clear error")
  void gzip() throws IOException {
    Path gz = dir.resolve("small.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("x1,x2,label\n1,2,a\n3,4,b\n".getBytes(StandardCharsets.UTF_8));
    }
    Dataset d = CsvLoader.defaults().load(gz);
    assertThat(d.name()).isEqualTo("small");
    assertThat(d.size()).isEqualTo(2);
    Path fake = dir.resolve("fake.csv.gz");
    Files.writeString(fake, "1,2\n");
    assertThatThrownBy(() -> CsvLoader.defaults().load(fake))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("fake.csv.gz")
        .hasMessageContaining("not gzip-compressed");
  }

  @Test
  @DisplayName("an unknown label column is an error naming the header")
  void unknownLabel() {
    assertThatThrownBy(() -> read(CsvLoader.builder().labelColumn("z").build(), "a,b\n1,2\n"))
        .hasMessageContaining("test.csv:1: no column named 'z'");
    assertThatThrownBy(() -> read(CsvLoader.builder().labelColumn(5).build(), "1,2\n"))
        .hasMessageContaining("label column 5 is outside the 2 columns");
  }
}
