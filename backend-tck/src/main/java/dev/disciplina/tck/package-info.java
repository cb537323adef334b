/**
 * The backend conformance kit: {@link dev.disciplina.tck.BackendCompatibilityKit}, an abstract
 * JUnit 5 class that each backend runs with a one-class subclass.
 */
package dev.disciplina.tck;
