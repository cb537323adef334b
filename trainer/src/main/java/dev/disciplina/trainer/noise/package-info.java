/**
 * The gradient noise scale of McCandlish et al. (2018), "An Empirical Model of Large-Batch
 * Training", measured during training: how large a batch can get before a larger one stops
 * saving steps.
 */
package dev.disciplina.trainer.noise;
