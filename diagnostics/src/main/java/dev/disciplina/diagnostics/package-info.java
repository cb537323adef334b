/**
 * Learning curves in, a diagnosis out.
 *
 * <p>{@link dev.disciplina.diagnostics.LearningCurves} holds per-epoch training and validation
 * losses (plus whatever else is known: an eval-mode training loss, accuracies, the number of
 * classes). {@link dev.disciplina.diagnostics.Diagnostics#diagnose(LearningCurves)} reads them
 * and returns a {@link dev.disciplina.diagnostics.Diagnosis}: a {@link
 * dev.disciplina.diagnostics.Verdict} ({@code HEALTHY}, {@code OVERFITTING}, {@code
 * UNDERFITTING}, {@code DIVERGING}, {@code INCONCLUSIVE}) with its {@link
 * dev.disciplina.diagnostics.Cause}, the epoch of best validation loss, the onset of
 * overfitting, the {@link dev.disciplina.diagnostics.Measures} behind the verdict, a confidence
 * and advice in plain words. {@link dev.disciplina.diagnostics.Thresholds} documents every
 * threshold the rules use and why it has its value; the module's README tells the whole
 * decision procedure.
 *
 * <p>{@link dev.disciplina.diagnostics.OnlineDiagnostician} runs the same analysis after each
 * epoch so a trainer can show the verdict as it forms and stop once overfitting is confirmed.
 *
 * <p>The package is pure Java and depends on no other Disciplina module. Readers for log files
 * (this project's history CSV, Keras, PyTorch Lightning, plain CSV) and the JSON rendering live in
 * {@code dev.disciplina.diagnostics.io}; the robust statistics and Prechelt's criteria in {@code
 * dev.disciplina.diagnostics.stats}.
 */
package dev.disciplina.diagnostics;
