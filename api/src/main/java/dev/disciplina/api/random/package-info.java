/** The seeded, splittable random generator behind every random number of a run. */
package dev.disciplina.api.random;
