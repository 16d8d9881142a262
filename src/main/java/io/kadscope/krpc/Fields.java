package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Typed reads of the entries of a decoded message, each failing with what was expected, what was
 * found and at which byte of the datagram. {@code what} names the entry for errors ("find_node
 * query a").
 */
final class Fields {
  private final Bencode.Parsed parsed;

  Fields(Bencode.Parsed parsed) {
    this.parsed = parsed;
  }

  /** Where {@code v} starts in the datagram. */
  int at(BValue v) {
    return parsed.start(v);
  }

  /** {@code v} as a dict. */
  BDict dict(BValue v, String what) {
    if (v instanceof BDict d) {
      return d;
    }
    throw mismatch(what, "a dict", v.describe(), at(v));
  }

  /** The dict under {@code key}, or null when absent. */
  BDict optDict(BDict d, String key, String what) {
    BValue v = d.get(key);
    return v == null ? null : dict(v, path(what, key));
  }

  /** The byte string under {@code key}, which {@code meaning} names for errors. */
  BBytes bytes(BDict d, String key, String what, String meaning) {
    BBytes b = optBytes(d, key, what, meaning);
    if (b == null) {
      throw missing(path(what, key), "a byte string (" + meaning + ")", d);
    }
    return b;
  }

  /** The byte string under {@code key}, or null when absent. */
  BBytes optBytes(BDict d, String key, String what, String meaning) {
    BValue v = d.get(key);
    if (v == null || v instanceof BBytes) {
      return (BBytes) v;
    }
    throw mismatch(path(what, key), "a byte string (" + meaning + ")", v.describe(), at(v));
  }

  /** The byte string of exactly {@code length} bytes under {@code key}, or null when absent. */
  BBytes optExact(BDict d, String key, String what, int length, String meaning) {
    BValue v = d.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof BBytes b && b.length() == length) {
      return b;
    }
    throw mismatch(
        path(what, key),
        "a byte string of " + length + " bytes (" + meaning + ")",
        v.describe(),
        at(v));
  }

  /** The byte string of exactly {@code length} bytes under {@code key}. */
  BBytes exact(BDict d, String key, String what, int length, String meaning) {
    BBytes b = optExact(d, key, what, length, meaning);
    if (b == null) {
      throw missing(path(what, key), "a byte string of " + length + " bytes (" + meaning + ")", d);
    }
    return b;
  }

  /** The 20-byte id under {@code key}. */
  Id160 id(BDict d, String key, String what, String meaning) {
    return Id160.of(exact(d, key, what, Id160.BYTES, meaning));
  }

  /** The integer in {@code [min, max]} under {@code key}. */
  long integer(BDict d, String key, String what, long min, long max, String meaning) {
    OptionalLong n = optInteger(d, key, what, min, max, meaning);
    if (n.isEmpty()) {
      throw missing(path(what, key), "an integer (" + meaning + ")", d);
    }
    return n.getAsLong();
  }

  /** The integer in {@code [min, max]} under {@code key}, if present. */
  OptionalLong optInteger(BDict d, String key, String what, long min, long max, String meaning) {
    BValue v = d.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    String expected =
        (min == Long.MIN_VALUE ? "an integer" : "an integer in " + min + ".." + max)
            + " ("
            + meaning
            + ")";
    if (!(v instanceof BInt i)) {
      throw mismatch(path(what, key), expected, v.describe(), at(v));
    }
    if (i.value() < min || i.value() > max) {
      throw mismatch(path(what, key), expected, Long.toString(i.value()), at(v));
    }
    return OptionalLong.of(i.value());
  }

  /** The value under {@code key} as its exact received bytes, or null when absent. */
  Bencoded optExactValue(BDict d, String key) {
    BValue v = d.get(key);
    return v == null ? null : parsed.exact(v);
  }

  /** The compact node infos ({@code entryBytes} each) under {@code key}; empty when absent. */
  List<NodeInfo> nodes(BDict d, String key, String what, int entryBytes) {
    BValue v = d.get(key);
    if (v == null) {
      return List.of();
    }
    String expected =
        "a byte string of "
            + entryBytes
            + "-byte entries (compact "
            + (entryBytes == NodeInfo.COMPACT_IPV4_BYTES ? "IPv4" : "IPv6")
            + " node info)";
    if (!(v instanceof BBytes b) || b.length() % entryBytes != 0) {
      throw mismatch(path(what, key), expected, v.describe(), at(v));
    }
    return Compact.nodes(b, entryBytes);
  }

  /** The compact peers (6 or 18 bytes each) listed under {@code key}; empty when absent. */
  List<InetSocketAddress> peers(BDict d, String key, String what) {
    BValue v = d.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof BList l)) {
      throw mismatch(
          path(what, key), "a list of compact peers (6 or 18 bytes)", v.describe(), at(v));
    }
    List<InetSocketAddress> out = new ArrayList<>(l.size());
    for (int i = 0; i < l.size(); i++) {
      out.add(peer(l.items().get(i), path(what, key) + "[" + i + "]", "compact peer"));
    }
    return out;
  }

  /** The compact address and port (6 or 18 bytes) under {@code key}, or null when absent. */
  InetSocketAddress optPeer(BDict d, String key, String what, String meaning) {
    BValue v = d.get(key);
    return v == null ? null : peer(v, path(what, key), meaning);
  }

  private InetSocketAddress peer(BValue v, String what, String meaning) {
    if (v instanceof BBytes b
        && (b.length() == Compact.IPV4_PEER_BYTES || b.length() == Compact.IPV6_PEER_BYTES)) {
      return Compact.peer(b.raw(), 0, b.length());
    }
    throw mismatch(what, "a byte string of 6 or 18 bytes (" + meaning + ")", v.describe(), at(v));
  }

  /** The name of the entry {@code key} of the dict named {@code what}: "a.target", or "t". */
  static String path(String what, String key) {
    return what.isEmpty() ? key : what + "." + key;
  }

  static KrpcFormatException mismatch(String what, String expected, String found, int at) {
    return new KrpcFormatException(
        what + ": expected " + expected + ", found " + found + " at byte " + at);
  }

  KrpcFormatException missing(String what, String expected, BDict in) {
    return new KrpcFormatException(
        what + ": expected " + expected + ", found no such key in the dict at byte " + at(in));
  }
}
