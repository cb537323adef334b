/**
 * Learning curves from files, and diagnoses to JSON.
 *
 * <p>{@link dev.disciplina.diagnostics.io.CurveReaders} reads this project's history CSV, Keras
 * {@code CSVLogger} files, Keras {@code history.history} saved as JSON, PyTorch Lightning {@code
 * CSVLogger} {@code metrics.csv} files and plain two-column CSV, detecting the {@link
 * dev.disciplina.diagnostics.io.CurveFormat} from the content unless told. A file that cannot be
 * read raises a {@link dev.disciplina.diagnostics.io.CurveReadException} whose one-line message
 * names the file and line. {@link dev.disciplina.diagnostics.io.DiagnosisJson} renders a
 * diagnosis as one JSON object per line, for the {@code disciplina diagnose} command.
 *
 * <p>Everything here is stateless and thread-safe.
 */
package dev.disciplina.diagnostics.io;
