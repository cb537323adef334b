/**
 * Run manifests: what one training run was — its whole configuration and that configuration's
 * hash, the seed, the backend and engine, the data's identity (sizes and a content hash of each
 * split), the model, the optimizer, the versions of Disciplina, Java and the operating system,
 * the start, the end, the stop reason and the verdict — written as {@code run.json} beside the
 * history, and the comparison of two manifests that says what changed between the runs.
 */
package dev.disciplina.trainer.manifest;
