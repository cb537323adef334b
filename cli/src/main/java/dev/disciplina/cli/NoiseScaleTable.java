package dev.disciplina.cli;

import dev.disciplina.trainer.noise.NoiseScaleEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code noise-scale.csv}: one row per epoch,
 * {@code epoch,batch_size,pairs,gradient_squared_norm,trace_covariance,noise_scale,standard_error},
 * written so that it reads back exactly (unresolved values as {@code NaN}).
 */
final class NoiseScaleTable {

  static final String HEADER = "epoch,batch_size,pairs,gradient_squared_norm,trace_covariance,"
      + "noise_scale,standard_error";

  private NoiseScaleTable() {}

  static String format(List<NoiseScaleEstimate> estimates) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    for (NoiseScaleEstimate e : estimates) {
      s.append(e.epoch()).append(',').append(e.batchSize()).append(',').append(e.pairs())
          .append(',').append(number(e.gradientSquaredNorm())).append(',')
          .append(number(e.traceCovariance())).append(',').append(number(e.noiseScale()))
          .append(',').append(number(e.standardError())).append('\n');
    }
    return s.toString();
  }

  /** Reads a table {@link #format} wrote; an empty list when the file does not exist. */
  static List<NoiseScaleEstimate> read(Path file) throws IOException {
    List<NoiseScaleEstimate> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new UsageException(file + ":1: not a noise-scale table (header should be " + HEADER
          + ")");
    }
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != 7) {
        throw new UsageException(file + ":" + (i + 1) + ": 7 columns expected, found "
            + f.length);
      }
      try {
        out.add(new NoiseScaleEstimate(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
            Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
            Double.parseDouble(f[5]), Double.parseDouble(f[6])));
      } catch (NumberFormatException e) {
        throw new UsageException(file + ":" + (i + 1) + ": not a number: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "NaN" : Double.toString(v);
  }
}
