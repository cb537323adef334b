/**
 * Data for training: an in-memory {@link dev.disciplina.api.data.Dataset}, seeded {@link
 * dev.disciplina.api.data.Batching} into {@link dev.disciplina.api.data.Batch}es (one batch = one
 * iteration), {@link dev.disciplina.api.data.Split}s into train, validation and test that are
 * disjoint by construction or checked for leaks, a {@link dev.disciplina.api.data.Standardizer}
 * fitted on the training split only, and loaders: {@link dev.disciplina.api.data.CsvLoader},
 * {@link dev.disciplina.api.data.IdxLoader} (MNIST, {@link dev.disciplina.api.data.FashionMnist})
 * and the small {@link dev.disciplina.api.data.EmbeddedDatasets}.
 *
 * <p>Pure Java: datasets are arrays, and a batch makes its tensors only when asked, in the
 * current {@link dev.disciplina.api.tensor.Scope}.
 */
package dev.disciplina.api.data;
