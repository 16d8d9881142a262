package io.kadscope.gui.buckets;

import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;

/**
 * The geometry of a cell's chips: every chip has one size, so the lines a flow of n chips takes in
 * a given width, and so its height, follow by arithmetic, gaps included.
 */
public final class ChipGrid {
  /** A chip's width: room for {@code a3f2c1 · 59m 59s} in the chip font. */
  public static final double CHIP_WIDTH = 122;

  /** A chip's height. */
  public static final double CHIP_HEIGHT = 20;

  /** The gap between chips, across and down. */
  public static final double GAP = 4;

  private ChipGrid() {}

  /** Chips that fit on one line of {@code width}: at least one. */
  public static int perLine(double width) {
    return Math.max(1, (int) Math.floor((width + GAP) / (CHIP_WIDTH + GAP)));
  }

  /** The height {@code count} chips take in {@code width}, gaps between lines included. */
  public static double height(int count, double width) {
    int lines = Math.max(1, (count + perLine(width) - 1) / perLine(width));
    return lines * CHIP_HEIGHT + (lines - 1) * GAP;
  }

  /** Gives a chip its one size (its text ends in "…" if it ever needs more). */
  public static void size(Label chip) {
    chip.setMinSize(CHIP_WIDTH, CHIP_HEIGHT);
    chip.setPrefSize(CHIP_WIDTH, CHIP_HEIGHT);
    chip.setMaxSize(CHIP_WIDTH, CHIP_HEIGHT);
    chip.setTextOverrun(OverrunStyle.ELLIPSIS);
  }
}
