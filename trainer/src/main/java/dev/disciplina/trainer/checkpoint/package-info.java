/**
 * Checkpoint files: {@link dev.disciplina.trainer.checkpoint.Safetensors}, a reader and writer of
 * the huggingface safetensors format exactly to its spec (every check of the reference reader,
 * byte-identical output); {@link dev.disciplina.trainer.checkpoint.ModelWeights}, a model's
 * parameters and buffers under the names PyTorch's {@code state_dict} uses; and {@link
 * dev.disciplina.trainer.checkpoint.AtomicFiles}, atomic durable writes.
 */
package dev.disciplina.trainer.checkpoint;
