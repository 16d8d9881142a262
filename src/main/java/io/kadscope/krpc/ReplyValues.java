package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values ({@code r}) of a reply to each kind of query, read and written: one table, by kind.
 */
final class ReplyValues {
  private ReplyValues() {}

  /** The typed reply to a {@code kind} query, from its dict {@code r} (named {@code what}). */
  static Reply read(QueryKind kind, BDict r, Fields f, String what) {
    return switch (kind) {
      case PING -> new Reply.Ping();
      case FIND_NODE -> new Reply.FindNode(nodes(r, f, what), nodes6(r, f, what));
      case GET_PEERS ->
          new Reply.GetPeers(
              Optional.ofNullable(f.optBytes(r, "token", what, "a write token")),
              f.peers(r, "values", what),
              nodes(r, f, what),
              nodes6(r, f, what));
      case ANNOUNCE_PEER -> new Reply.AnnouncePeer();
      case GET ->
          new Reply.Get(
              Optional.ofNullable(f.optBytes(r, "token", what, "a write token")),
              nodes(r, f, what),
              nodes6(r, f, what),
              Optional.ofNullable(f.optExactValue(r, "v")),
              Optional.ofNullable(
                  f.optExact(r, "k", what, Query.Put.Mutable.KEY_BYTES, "an ed25519 public key")),
              Optional.ofNullable(
                  f.optExact(
                      r, "sig", what, Query.Put.Mutable.SIGNATURE_BYTES, "an ed25519 signature")),
              f.optInteger(r, "seq", what, Long.MIN_VALUE, Long.MAX_VALUE, "the sequence number"));
      case PUT -> new Reply.Put();
      case UNKNOWN -> new Reply.Other();
    };
  }

  /** Adds the typed values of {@code reply} to {@code r}. */
  static BDict.Builder write(Reply reply, BDict.Builder r) {
    return switch (reply.answers()) {
      case PING, ANNOUNCE_PEER, PUT, UNKNOWN -> r;
      case FIND_NODE -> {
        Reply.FindNode n = (Reply.FindNode) reply;
        yield nodes(r, n.nodes(), n.nodes6());
      }
      case GET_PEERS -> {
        Reply.GetPeers g = (Reply.GetPeers) reply;
        g.token().ifPresent(t -> r.put("token", t));
        if (!g.values().isEmpty()) {
          List<BValue> peers = new ArrayList<>(g.values().size());
          for (InetSocketAddress p : g.values()) {
            peers.add(Compact.peer(p));
          }
          r.put("values", new BList(peers));
        }
        yield nodes(r, g.nodes(), g.nodes6());
      }
      case GET -> {
        Reply.Get g = (Reply.Get) reply;
        g.token().ifPresent(t -> r.put("token", t));
        g.value().ifPresent(v -> r.put("v", v));
        g.key().ifPresent(k -> r.put("k", k));
        g.signature().ifPresent(s -> r.put("sig", s));
        g.seq().ifPresent(s -> r.put("seq", s));
        yield nodes(r, g.nodes(), g.nodes6());
      }
    };
  }

  private static List<NodeInfo> nodes(BDict r, Fields f, String what) {
    return f.nodes(r, "nodes", what, NodeInfo.COMPACT_IPV4_BYTES);
  }

  private static List<NodeInfo> nodes6(BDict r, Fields f, String what) {
    return f.nodes(r, "nodes6", what, NodeInfo.COMPACT_IPV6_BYTES);
  }

  private static BDict.Builder nodes(BDict.Builder r, List<NodeInfo> v4, List<NodeInfo> v6) {
    if (!v4.isEmpty()) {
      r.put("nodes", Compact.nodes(v4));
    }
    if (!v6.isEmpty()) {
      r.put("nodes6", Compact.nodes(v6));
    }
    return r;
  }
}
