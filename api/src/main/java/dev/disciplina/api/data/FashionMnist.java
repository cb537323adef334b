package dev.disciplina.api.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando Research, 2017; MIT licence): 28x28 grey
 * images of clothing in 10 classes, 60,000 for training and 10,000 for test, in the IDX format.
 *
 * <p>Not shipped in this jar: it is read from {@link #DEBIAN_DIRECTORY}, where Debian's {@code
 * dataset-fashion-mnist} package installs it, or from any directory holding the four standard
 * files ({@code train-images-idx3-ubyte.gz} and so on, raw or gzip-compressed). Pixels are scaled
 * to {@code [0, 1]}.
 */
public final class FashionMnist {

  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, by label. */
  public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /** Whether the Debian package's files are present. */
  public static boolean isInstalled() {
    return Files.isDirectory(DEBIAN_DIRECTORY);
  }

  /** The 60,000 training images of {@code directory}. */
  public static Dataset train(Path directory) throws IOException {
    return IdxLoader.loadDirectory(directory, "train", "fashion-mnist", CLASSES);
  }

  /** The 10,000 test images of {@code directory}. */
  public static Dataset test(Path directory) throws IOException {
    return IdxLoader.loadDirectory(directory, "t10k", "fashion-mnist/test", CLASSES);
  }
}
