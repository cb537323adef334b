/**
 * Layers: {@link dev.disciplina.api.nn.Module} with training and evaluation {@link
 * dev.disciplina.api.nn.Mode}s and named {@link dev.disciplina.api.nn.Parameter}s, and the
 * layers built on it — {@code Linear}, {@code ReLU}, {@code Tanh}, {@code Sigmoid}, {@code
 * Dropout}, {@code BatchNorm1d}, {@code Sequential}.
 */
package dev.disciplina.api.nn;
