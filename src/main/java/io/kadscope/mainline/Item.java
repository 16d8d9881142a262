package io.kadscope.mainline;

import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;

/**
 * A BEP 44 item, stored in the DHT under its {@link #target()}: an {@link ImmutableItem}, whose
 * target is the hash of its value, or a {@link MutableItem}, whose target is the hash of its public
 * key and salt.
 */
public sealed interface Item permits ImmutableItem, MutableItem {
  /** The most bytes an item's bencoded {@code v} may have (BEP 44). */
  int MAX_VALUE_BYTES = 1000;

  /** The most bytes a mutable item's salt may have (BEP 44). */
  int MAX_SALT_BYTES = 64;

  /** The key under which the item is stored. */
  Id160 target();

  /** The value {@code v}, as its exact bencoded bytes. */
  Bencoded value();
}
