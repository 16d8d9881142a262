package io.kadscope.gui.common;

import io.kadscope.engine.routing.BucketSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The k-bucket the user picked, shared by the ring, the prefix tree and the bucket list so that a
 * pick in one shows in all three. A bucket is named by its prefix bits ({@link #keyOf}), which stay
 * the same across snapshots while the bucket does not split.
 */
public final class BucketSelection {
  private final ObjectProperty<String> picked = new SimpleObjectProperty<>();

  /** The picked bucket's prefix bits, e.g. {@code "0110"}, or null when none is picked. */
  public ObjectProperty<String> pickedProperty() {
    return picked;
  }

  /** A bucket's identity across snapshots: its prefix as bits, e.g. {@code "0110"}. */
  public static String keyOf(BucketSnapshot b) {
    return b.prefix().leadingBits(b.depth());
  }
}
