package io.kadscope.krpc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The arguments ({@code a}) of each kind of query, read and written: one table, by kind. */
final class QueryArgs {
  private QueryArgs() {}

  /** The typed arguments of a {@code kind} query, from its dict {@code a} (named {@code what}). */
  static Query read(QueryKind kind, BBytes method, BDict a, Fields f, String what) {
    return switch (kind) {
      case PING -> new Query.Ping();
      case FIND_NODE ->
          new Query.FindNode(f.id(a, "target", what, "the target id"), want(a, f, what));
      case GET_PEERS ->
          new Query.GetPeers(f.id(a, "info_hash", what, "the info-hash"), want(a, f, what));
      case ANNOUNCE_PEER ->
          new Query.AnnouncePeer(
              f.id(a, "info_hash", what, "the info-hash"),
              (int) f.integer(a, "port", what, 0, 0xffff, "the peer's TCP port"),
              f.bytes(a, "token", what, "the token of a get_peers reply"),
              f.optInteger(a, "implied_port", what, 0, 1, "1 to use the UDP source port").orElse(0)
                  == 1);
      case GET ->
          new Query.Get(
              f.id(a, "target", what, "the item's target"),
              f.optInteger(a, "seq", what, Long.MIN_VALUE, Long.MAX_VALUE, "a sequence number"));
      case PUT -> put(a, f, what);
      case UNKNOWN -> new Query.Unknown(method);
    };
  }

  /** Adds the typed arguments of {@code q} to {@code a}. */
  static BDict.Builder write(Query q, BDict.Builder a) {
    return switch (q.kind()) {
      case PING, UNKNOWN -> a;
      case FIND_NODE -> {
        Query.FindNode f = (Query.FindNode) q;
        yield want(a, f.want()).put("target", f.target().toBBytes());
      }
      case GET_PEERS -> {
        Query.GetPeers g = (Query.GetPeers) q;
        yield want(a, g.want()).put("info_hash", g.infoHash().toBBytes());
      }
      case ANNOUNCE_PEER -> {
        Query.AnnouncePeer n = (Query.AnnouncePeer) q;
        a.put("info_hash", n.infoHash().toBBytes()).put("port", n.port()).put("token", n.token());
        yield n.impliedPort() ? a.put("implied_port", 1) : a;
      }
      case GET -> {
        Query.Get g = (Query.Get) q;
        g.seq().ifPresent(s -> a.put("seq", s));
        yield a.put("target", g.target().toBBytes());
      }
      case PUT -> {
        Query.Put p = (Query.Put) q;
        a.put("token", p.token()).put("v", p.value());
        p.mutable()
            .ifPresent(
                m -> {
                  a.put("k", m.key()).put("sig", m.signature()).put("seq", m.seq());
                  if (m.salt().length() > 0) {
                    a.put("salt", m.salt());
                  }
                  m.cas().ifPresent(c -> a.put("cas", c));
                });
        yield a;
      }
    };
  }

  private static Query.Put put(BDict a, Fields f, String what) {
    Bencoded v = f.optExactValue(a, "v");
    if (v == null) {
      throw f.missing(Fields.path(what, "v"), "a value (the item)", a);
    }
    BBytes token = f.bytes(a, "token", what, "the token of a get reply");
    BBytes key = f.optExact(a, "k", what, Query.Put.Mutable.KEY_BYTES, "an ed25519 public key");
    if (key == null) {
      for (String k : List.of("sig", "seq", "salt", "cas")) {
        BValue stray = a.get(k);
        if (stray != null) {
          throw Fields.mismatch(
              Fields.path(what, k),
              "'k' beside it (a mutable put)",
              "'" + k + "' without 'k'",
              f.at(stray));
        }
      }
      return Query.Put.immutable(token, v);
    }
    BBytes sig = f.exact(a, "sig", what, Query.Put.Mutable.SIGNATURE_BYTES, "an ed25519 signature");
    long seq = f.integer(a, "seq", what, Long.MIN_VALUE, Long.MAX_VALUE, "the sequence number");
    BBytes salt = f.optBytes(a, "salt", what, "the salt");
    OptionalLong cas =
        f.optInteger(
            a, "cas", what, Long.MIN_VALUE, Long.MAX_VALUE, "the expected sequence number");
    return new Query.Put(
        token,
        v,
        Optional.of(new Query.Put.Mutable(key, sig, seq, salt == null ? BBytes.EMPTY : salt, cas)));
  }

  private static Set<Want> want(BDict a, Fields f, String what) {
    BValue v = a.get("want");
    if (v == null) {
      return Set.of();
    }
    String expected = "a list of byte strings such as 'n4' and 'n6' (BEP 32)";
    if (!(v instanceof BList l)) {
      throw Fields.mismatch(Fields.path(what, "want"), expected, v.describe(), f.at(v));
    }
    EnumSet<Want> out = EnumSet.noneOf(Want.class);
    for (BValue item : l.items()) {
      if (!(item instanceof BBytes b)) {
        throw Fields.mismatch(Fields.path(what, "want"), expected, item.describe(), f.at(item));
      }
      Want w = Want.of(b);
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }

  private static BDict.Builder want(BDict.Builder a, Set<Want> want) {
    if (want.isEmpty()) {
      return a;
    }
    List<BValue> items = new ArrayList<>();
    for (Want w : Want.values()) {
      if (want.contains(w)) {
        items.add(BBytes.utf8(w.wire()));
      }
    }
    return a.put("want", new BList(items));
  }
}
