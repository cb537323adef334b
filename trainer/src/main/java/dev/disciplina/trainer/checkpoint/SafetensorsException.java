package dev.disciplina.trainer.checkpoint;

import java.io.IOException;

/**
 * A safetensors file that breaks the format: truncated, corrupted or hostile. The message is one
 * line that names the file and the problem, such as {@code model.safetensors: tensor '0.bias'
 * declares 40 bytes of data but dtype F32 x shape [10] needs 40... }.
 */
public final class SafetensorsException extends IOException {

  private static final long serialVersionUID = 1L;

  public SafetensorsException(String source, String problem) {
    super(source + ": " + problem);
  }

  /** {@code text} quoted for a one-line message: control characters escaped, long text cut. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder("'");
    int limit = Math.min(text.length(), 80);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (text.length() > limit) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
