package io.kadscope.krpc;

/**
 * One bencoded value (BEP 3): a byte string, an integer, a list or a dict, or a value kept as its
 * exact encoding ({@link Bencoded}). Immutable; {@link Bencode} converts to and from bytes.
 */
public sealed interface BValue permits BBytes, BInt, BList, BDict, Bencoded {

  /** How this value is named in an error message: "a byte string of 3 bytes", "an integer", …. */
  String describe();
}
