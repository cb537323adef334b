/**
 * The {@code disciplina} command line: {@code backends}, {@code train}, {@code diagnose}, {@code
 * demo} and {@code overhead} ({@link dev.disciplina.cli.Main}). The only package that writes
 * to the console and the only one that may name a backend class.
 */
package dev.disciplina.cli;
