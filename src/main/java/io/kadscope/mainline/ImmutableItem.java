package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import java.util.Objects;

/**
 * A BEP 44 immutable item: a value stored under the SHA-1 of its bencoding, so that anyone can
 * check that what a node returns is what was put.
 *
 * <p>{@code new ImmutableItem(Bencoded.of(BBytes.utf8("Hello World!"))).target()} is {@code
 * e5f96f6f38320f0f33959cb4d3d656452117aadb} (BEP 44's test vector 3).
 */
public record ImmutableItem(Bencoded value) implements Item {

  /** An item of {@code value}, at most {@link Item#MAX_VALUE_BYTES} bencoded. */
  public ImmutableItem {
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "an item's v is at most " + MAX_VALUE_BYTES + " bytes bencoded, found " + value.length());
    }
  }

  /** The target of an immutable item holding {@code value}: the SHA-1 of its bencoding. */
  public static Id160 targetOf(Bencoded value) {
    return Id160.sha1(value.toByteArray());
  }

  @Override
  public Id160 target() {
    return targetOf(value);
  }

  /** The {@code put} query of this item, with a token from the storing node's {@code get} reply. */
  public Query.Put toPut(BBytes token) {
    return Query.Put.immutable(token, value);
  }
}
