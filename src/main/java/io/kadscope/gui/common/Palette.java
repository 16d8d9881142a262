package io.kadscope.gui.common;

import javafx.scene.paint.Color;

/**
 * Colours shared by the views, so that a bucket has the same colour on the ring, in the tree and in
 * the bucket list: buckets are coloured by their position in id order.
 */
public final class Palette {
  private static final Color[] BUCKETS = {
    Color.web("#4e79a7"),
    Color.web("#f28e2b"),
    Color.web("#59a14f"),
    Color.web("#b07aa1"),
    Color.web("#76b7b2"),
    Color.web("#edc948"),
    Color.web("#9c755f"),
    Color.web("#ff9da7"),
    Color.web("#86bcb6"),
    Color.web("#d37295"),
  };

  /** The node itself. */
  public static final Color SELF = Color.web("#e15759");

  /** A lookup's target. */
  public static final Color TARGET = Color.web("#d62728");

  /** Lines and labels. */
  public static final Color INK = Color.web("#30343b");

  /** Faint guide lines. */
  public static final Color GUIDE = Color.web("#c9ced6");

  /** Failures and timeouts. */
  public static final Color FAILURE = Color.web("#c62828");

  private Palette() {}

  /** The colour of the bucket at {@code position} in id order. */
  public static Color bucket(int position) {
    return BUCKETS[Math.floorMod(position, BUCKETS.length)];
  }

  /** The same colour as CSS text, for styled cells. */
  public static String css(Color c) {
    return String.format(
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }
}
