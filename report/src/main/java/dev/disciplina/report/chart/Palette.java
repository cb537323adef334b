package dev.disciplina.report.chart;

import java.util.List;

/**
 * The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008): eight colours that stay
 * distinct for readers with any common colour-vision deficiency. Lines differ by dash pattern too,
 * so nothing depends on colour alone.
 */
public final class Palette {

  public static final String BLACK = "#000000";
  public static final String ORANGE = "#E69F00";
  public static final String SKY_BLUE = "#56B4E9";
  public static final String BLUISH_GREEN = "#009E73";
  public static final String YELLOW = "#F0E442";
  public static final String BLUE = "#0072B2";
  public static final String VERMILLION = "#D55E00";
  public static final String REDDISH_PURPLE = "#CC79A7";

  /** The order runs get their colours in on a comparison page (yellow last: it is faint on white). */
  public static final List<String> RUNS = List.of(BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE,
      SKY_BLUE, BLACK, YELLOW);

  private Palette() {}

  /** The colour of run {@code i} (from 0), cycling through {@link #RUNS}. */
  public static String run(int i) {
    return RUNS.get(Math.floorMod(i, RUNS.size()));
  }
}
