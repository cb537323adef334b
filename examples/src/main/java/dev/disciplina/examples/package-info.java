/**
 * Small runnable programs of library use, each a {@code main} a reader can copy: they use only
 * the public api, the trainer and the diagnostics, and find their backend through the service
 * loader. Each is compiled and run by a test in this module.
 */
package dev.disciplina.examples;
