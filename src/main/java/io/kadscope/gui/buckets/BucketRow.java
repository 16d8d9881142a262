package io.kadscope.gui.buckets;

import io.kadscope.engine.routing.ContactInfo;
import java.util.List;

/**
 * One non-empty k-bucket as a row.
 *
 * @param key the bucket's prefix bits (its identity across snapshots)
 * @param position its position in id order among all buckets (its colour)
 * @param index the bucket index: leading bits its range shares with the node's id
 * @param range its prefix and lowest/highest ids, as text
 * @param containsSelf whether the node's own id falls in its range
 * @param contacts least recently seen first
 * @param replacements the replacement cache, newest last
 */
public record BucketRow(
    String key,
    int position,
    int index,
    int depth,
    String range,
    boolean containsSelf,
    int k,
    List<ContactInfo> contacts,
    List<ContactInfo> replacements) {

  /** How many contacts it holds. */
  public int fill() {
    return contacts.size();
  }

  /** {@code "3/4"}. */
  public String fillText() {
    return contacts.size() + "/" + k;
  }
}
