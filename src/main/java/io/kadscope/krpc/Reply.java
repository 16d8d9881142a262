package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The values of a KRPC reply, typed by the query it answers (see {@link KrpcCodec#decodeResponse});
 * the responder's id and the envelope are in {@link KrpcResponse}. One record per {@link
 * QueryKind}.
 */
public sealed interface Reply
    permits Reply.Ping,
        Reply.FindNode,
        Reply.GetPeers,
        Reply.AnnouncePeer,
        Reply.Get,
        Reply.Put,
        Reply.Other {

  /** The kind of query this reply answers. */
  QueryKind answers();

  /** The reply to {@code ping}: nothing beyond the id. */
  record Ping() implements Reply {
    @Override
    public QueryKind answers() {
      return QueryKind.PING;
    }
  }

  /** The reply to {@code find_node}: IPv4 {@code nodes} and IPv6 {@code nodes6}. */
  record FindNode(List<NodeInfo> nodes, List<NodeInfo> nodes6) implements Reply {
    /** A reply listing {@code nodes} (IPv4 only) and {@code nodes6} (IPv6 only). */
    public FindNode {
      nodes = family(nodes, true, "nodes");
      nodes6 = family(nodes6, false, "nodes6");
    }

    @Override
    public QueryKind answers() {
      return QueryKind.FIND_NODE;
    }
  }

  /**
   * The reply to {@code get_peers}: a write {@code token} for a later {@code announce_peer}, the
   * peers known for the info-hash ({@code values}, compact 6 or 18 bytes each), and closer nodes.
   */
  record GetPeers(
      Optional<BBytes> token,
      List<InetSocketAddress> values,
      List<NodeInfo> nodes,
      List<NodeInfo> nodes6)
      implements Reply {
    /** A reply; {@code nodes} are IPv4 only and {@code nodes6} IPv6 only. */
    public GetPeers {
      Objects.requireNonNull(token, "token");
      values = List.copyOf(values);
      nodes = family(nodes, true, "nodes");
      nodes6 = family(nodes6, false, "nodes6");
    }

    @Override
    public QueryKind answers() {
      return QueryKind.GET_PEERS;
    }
  }

  /** The reply to {@code announce_peer}: nothing beyond the id. */
  record AnnouncePeer() implements Reply {
    @Override
    public QueryKind answers() {
      return QueryKind.ANNOUNCE_PEER;
    }
  }

  /**
   * The reply to a BEP 44 {@code get}: a write {@code token}, closer nodes, and what is stored: an
   * immutable item's {@code value}; a mutable item's {@code value}, {@code key}, {@code signature}
   * and {@code seq}; or only {@code seq} when the query's {@code seq} was not lower.
   */
  record Get(
      Optional<BBytes> token,
      List<NodeInfo> nodes,
      List<NodeInfo> nodes6,
      Optional<Bencoded> value,
      Optional<BBytes> key,
      Optional<BBytes> signature,
      OptionalLong seq)
      implements Reply {
    /** A reply; {@code nodes} are IPv4 only and {@code nodes6} IPv6 only. */
    public Get {
      Objects.requireNonNull(token, "token");
      nodes = family(nodes, true, "nodes");
      nodes6 = family(nodes6, false, "nodes6");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(seq, "seq");
      key.ifPresent(k -> checkLength("key", k, Query.Put.Mutable.KEY_BYTES));
      signature.ifPresent(s -> checkLength("signature", s, Query.Put.Mutable.SIGNATURE_BYTES));
    }

    /** A reply that holds no item, only a token and closer nodes. */
    public static Get nodesOnly(Optional<BBytes> token, List<NodeInfo> nodes) {
      List<NodeInfo> v4 = nodes.stream().filter(NodeInfo::isIpv4).toList();
      List<NodeInfo> v6 = nodes.stream().filter(n -> !n.isIpv4()).toList();
      return new Get(
          token,
          v4,
          v6,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty());
    }

    @Override
    public QueryKind answers() {
      return QueryKind.GET;
    }
  }

  /** The reply to a BEP 44 {@code put}: nothing beyond the id. */
  record Put() implements Reply {
    @Override
    public QueryKind answers() {
      return QueryKind.PUT;
    }
  }

  /**
   * The reply to a query of an unknown method: every value is in {@link
   * KrpcResponse#otherValues()}.
   */
  record Other() implements Reply {
    @Override
    public QueryKind answers() {
      return QueryKind.UNKNOWN;
    }
  }

  private static List<NodeInfo> family(List<NodeInfo> nodes, boolean ipv4, String key) {
    List<NodeInfo> copy = List.copyOf(nodes);
    for (NodeInfo n : copy) {
      if (n.isIpv4() != ipv4) {
        throw new IllegalArgumentException(
            key
                + " holds "
                + (ipv4 ? "IPv4" : "IPv6")
                + " nodes only, found "
                + n.address().getAddress().getHostAddress()
                + " port "
                + n.address().getPort());
      }
    }
    return copy;
  }

  private static void checkLength(String what, BBytes b, int bytes) {
    if (b.length() != bytes) {
      throw new IllegalArgumentException(
          "an ed25519 " + what + " is " + bytes + " bytes, found " + b.length());
    }
  }
}
