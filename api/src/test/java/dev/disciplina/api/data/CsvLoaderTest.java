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
  @DisplayName("gzip is recognised by its content, not the file name; corrupt gzip is a clear error")
  void gzipByContent() throws IOException {
    Path gz = dir.resolve("small.csv");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("a,label\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8));
    }
    Dataset d = CsvLoader.defaults().load(gz);
    assertThat(d.name()).isEqualTo("small");
    assertThat(d.size()).isEqualTo(2);
    Path plain = dir.resolve("plain.csv.gz");
    Files.writeString(plain, "1,0\n2,1\n");
    assertThat(CsvLoader.defaults().load(plain).size()).isEqualTo(2);
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = dir.resolve("cut.csv.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 6));
    assertThatThrownBy(() -> CsvLoader.defaults().load(cut))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("cut.csv.gz: corrupt gzip data");
  }

  @Test
  @DisplayName("a label-first file with a header (Kaggle's label,pixel1,...) takes the column named label")
  void labelFirst() throws IOException {
    StringBuilder text = new StringBuilder("label,pixel1,pixel2,pixel3\n");
    for (int i = 0; i < 30; i++) {
      text.append(i % 10).append(',').append(i).append(",0,255\n");
    }
    CsvLoader.Loaded loaded = CsvLoader.defaults().readWithLayout(
        new StringReader(text.toString()), "fashion.csv", "fashion");
    assertThat(loaded.labelColumn()).isZero();
    assertThat(loaded.labelChoice()).isEqualTo("named like a label");
    assertThat(loaded.describe()).startsWith("label column 1 of 4, 'label'");
    assertThat(loaded.dataset().classCount()).isEqualTo(10);
    assertThat(loaded.dataset().featureCount()).isEqualTo(3);
    assertThat(loaded.dataset().row(3)).containsExactly(3f, 0f, 255f);
  }

  @Test
  @DisplayName("target, class and y are label names too, in that order after label")
  void otherLabelNames() throws IOException {
    assertThat(CsvLoader.defaults().readWithLayout(new StringReader(
        "Target,x,Class\n0,1,5\n1,2,6\n"), "t.csv", "t").labelColumn()).isZero();
    assertThat(CsvLoader.defaults().readWithLayout(new StringReader(
        "x,class,z\n1,a,2\n2,b,3\n"), "t.csv", "t").labelColumn()).isEqualTo(1);
  }

  @Test
  @DisplayName("a numeric header as pandas writes it (0,1,2,label) is a header, not an example")
  void numericHeader() throws IOException {
    Dataset d = read(CsvLoader.defaults(), "0,1,2,label\n1,2,3,0\n4,5,6,1\n");
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.classNames()).containsExactly("0", "1");
    Dataset species = read(CsvLoader.defaults(), "0,1,species\n1,2,cat\n3,4,dog\n");
    assertThat(species.size()).isEqualTo(2);
    Dataset unnamed = read(CsvLoader.defaults(), "0,1,2,kind\n1,2,3,0\n4,5,6,1\n");
    assertThat(unnamed.size()).isEqualTo(2);
    Dataset asked = read(CsvLoader.builder().header(CsvLoader.Header.NO).build(),
        "0,1,2,a\n1,2,3,b\n");
    assertThat(asked.size()).isEqualTo(2);
    Dataset data = read(CsvLoader.defaults(), "5.1,3.5,setosa\n6.2,2.9,versicolor\n");
    assertThat(data.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("the label column can be given as a command line would, by index or by name")
  void labelAsGiven() throws IOException {
    Dataset byIndex = read(CsvLoader.builder().label("1").build(), "a,b,c\n1,0,5\n2,1,6\n");
    assertThat(byIndex.row(0)).containsExactly(1f, 5f);
    Dataset fromEnd = read(CsvLoader.builder().label("-3").build(), "a,b,c\n1,0,5\n2,1,6\n");
    assertThat(fromEnd.row(0)).containsExactly(0f, 5f);
    Dataset byName = read(CsvLoader.builder().label("C").build(), "a,b,c\n1,0,5\n2,1,6\n");
    assertThat(byName.row(1)).containsExactly(2f, 1f);
  }

  @Test
  @DisplayName("a single class is an error that says 1 class")
  void singleClass() {
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "a,label\n1,cat\n2,cat\n"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("holds 1 class ('cat') in all 2 rows");
    assertThatThrownBy(() -> read(CsvLoader.defaults(), "a,label\n1,3\n2,3\n3,3\n"))
        .hasMessageContaining("1 class ('3')");
  }

  @Test
  @DisplayName("one non-integer label in a classification column is an error naming its line, unless regression is asked for")
  void fractionInClasses() throws IOException {
    StringBuilder text = new StringBuilder("a,label\n");
    for (int i = 0; i < 50; i++) {
      text.append(i).append(',').append(i % 3).append('\n');
    }
    text.append("7,2.5\n");
    assertThatThrownBy(() -> read(CsvLoader.defaults(), text.toString()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("test.csv:52: label '2.5' in column 2 ('label') is not a whole number")
        .hasMessageContaining("--task regression");
    assertThatThrownBy(() -> read(CsvLoader.builder().targets(CsvLoader.Targets.CLASSES).build(),
        "a,b\n1,0.5\n2,1.5\n")).hasMessageStartingWith("test.csv:2: label '0.5'");
    Dataset values = read(CsvLoader.builder().targets(CsvLoader.Targets.VALUES).build(),
        text.toString());
    assertThat(values.isClassification()).isFalse();
    assertThat(values.targets()[50]).isEqualTo(2.5f);
  }

  @Test
  @DisplayName("a text label among regression targets is an error naming the line")
  void textInValues() {
    assertThatThrownBy(() -> read(CsvLoader.builder().targets(CsvLoader.Targets.VALUES).build(),
        "a,b\n1,0.5\n2,high\n"))
        .hasMessage("test.csv:3: column 2 (target 'b'): 'high' is not a finite number");
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
