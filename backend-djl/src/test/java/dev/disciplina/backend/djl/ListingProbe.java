package dev.disciplina.backend.djl;

import dev.disciplina.api.tensor.Backends;

/** Prints what {@link Backends} finds, one provider a line; run in a child JVM by a test. */
final class ListingProbe {

  private ListingProbe() {}

  public static void main(String[] args) {
    for (Backends.Info info : Backends.all()) {
      System.out.println("backend " + info.name() + " available=" + info.available() + " "
          + info.availability().detail());
    }
  }
}
