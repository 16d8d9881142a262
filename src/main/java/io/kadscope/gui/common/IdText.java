package io.kadscope.gui.common;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.BucketSnapshot;
import java.time.Duration;

/** How ids, ranges and ages read in the views. */
public final class IdText {
  private IdText() {}

  /** {@code 0x3fa2…} style short form. */
  public static String shortHex(NodeId id) {
    return id.shortHex(8) + "…";
  }

  /** A bucket's range: its prefix in bits and its lowest and highest ids in short hex. */
  public static String range(BucketSnapshot b) {
    String bits = b.depth() == 0 ? "any" : b.prefix().leadingBits(b.depth()) + "…";
    String low = NodeId.fromBigInteger(b.low()).shortHex(6);
    String high = NodeId.fromBigInteger(b.high()).shortHex(6);
    return bits + "  [" + low + "… – " + high + "…]";
  }

  /** An age as {@code 4s}, {@code 3m 12s} or {@code 2h 5m}. */
  public static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    } else if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
  }

  /** A latency in milliseconds, {@code 12 ms}, or {@code <1 ms} on a fast loopback. */
  public static String millis(Duration d) {
    return d.toMillis() == 0 && !d.isZero() ? "<1 ms" : d.toMillis() + " ms";
  }
}
