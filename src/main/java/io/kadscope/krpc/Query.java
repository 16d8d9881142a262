package io.kadscope.krpc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The arguments of a KRPC query, typed by method; the querier's id and the envelope are in {@link
 * KrpcQuery}. One record per {@link QueryKind}.
 */
public sealed interface Query
    permits Query.Ping,
        Query.FindNode,
        Query.GetPeers,
        Query.AnnouncePeer,
        Query.Get,
        Query.Put,
        Query.Unknown {

  /** The method, which also says which {@link Reply} answers this query. */
  QueryKind kind();

  /** {@code ping}: no arguments beyond the id. */
  record Ping() implements Query {
    @Override
    public QueryKind kind() {
      return QueryKind.PING;
    }
  }

  /** {@code find_node}: the nodes closest to {@code target}, of the families in {@code want}. */
  record FindNode(Id160 target, Set<Want> want) implements Query {
    /** A query for {@code target}; an empty {@code want} leaves the families to the responder. */
    public FindNode {
      Objects.requireNonNull(target, "target");
      want = Set.copyOf(want);
    }

    /** A query for {@code target} with no {@code want}. */
    public FindNode(Id160 target) {
      this(target, Set.of());
    }

    @Override
    public QueryKind kind() {
      return QueryKind.FIND_NODE;
    }
  }

  /** {@code get_peers}: peers of {@code infoHash}, or the nodes closest to it, and a token. */
  record GetPeers(Id160 infoHash, Set<Want> want) implements Query {
    /** A query for {@code infoHash}; an empty {@code want} leaves the families to the responder. */
    public GetPeers {
      Objects.requireNonNull(infoHash, "infoHash");
      want = Set.copyOf(want);
    }

    /** A query for {@code infoHash} with no {@code want}. */
    public GetPeers(Id160 infoHash) {
      this(infoHash, Set.of());
    }

    @Override
    public QueryKind kind() {
      return QueryKind.GET_PEERS;
    }
  }

  /**
   * {@code announce_peer}: the querier's peer for {@code infoHash} listens on {@code port} (or,
   * with {@code impliedPort}, on the UDP source port of this query); {@code token} is the one a
   * {@code get_peers} reply from this node gave.
   */
  record AnnouncePeer(Id160 infoHash, int port, BBytes token, boolean impliedPort)
      implements Query {
    /** An announcement; {@code port} is 0..65535 (0 is usual with {@code impliedPort}). */
    public AnnouncePeer {
      Objects.requireNonNull(infoHash, "infoHash");
      Objects.requireNonNull(token, "token");
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("a port is 0..65535, found " + port);
      }
    }

    @Override
    public QueryKind kind() {
      return QueryKind.ANNOUNCE_PEER;
    }
  }

  /**
   * {@code get} (BEP 44): the item stored under {@code target}, or the nodes closest to it, and a
   * token; with {@code seq}, a mutable item only if its sequence number is greater.
   */
  record Get(Id160 target, OptionalLong seq) implements Query {
    /** A query for {@code target}. */
    public Get {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(seq, "seq");
    }

    /** A query for {@code target}, whatever its sequence number. */
    public Get(Id160 target) {
      this(target, OptionalLong.empty());
    }

    @Override
    public QueryKind kind() {
      return QueryKind.GET;
    }
  }

  /**
   * {@code put} (BEP 44): store {@code value} under its target, with the token a {@code get} reply
   * from this node gave. Immutable when {@code mutable} is empty (target = SHA-1 of {@code value}),
   * else signed by {@link Mutable#key()} (target = SHA-1 of key and salt).
   */
  record Put(BBytes token, Bencoded value, Optional<Mutable> mutable) implements Query {
    /** A put of {@code value}. */
    public Put {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(mutable, "mutable");
    }

    /** A put of an immutable item. */
    public static Put immutable(BBytes token, Bencoded value) {
      return new Put(token, value, Optional.empty());
    }

    /** Whether this puts a mutable item. */
    public boolean isMutable() {
      return mutable.isPresent();
    }

    @Override
    public QueryKind kind() {
      return QueryKind.PUT;
    }

    /**
     * What makes a put mutable: the 32-byte ed25519 public key {@code k}, the 64-byte signature
     * {@code sig}, the sequence number {@code seq}, the {@code salt} (empty when absent) and the
     * optional compare-and-swap {@code cas}.
     */
    public record Mutable(BBytes key, BBytes signature, long seq, BBytes salt, OptionalLong cas) {
      /** Bytes of an ed25519 public key. */
      public static final int KEY_BYTES = 32;

      /** Bytes of an ed25519 signature. */
      public static final int SIGNATURE_BYTES = 64;

      /** The mutable part of a put; the key and signature have their exact sizes. */
      public Mutable {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(cas, "cas");
        if (key.length() != KEY_BYTES) {
          throw new IllegalArgumentException(
              "an ed25519 public key is 32 bytes, found " + key.length());
        }
        if (signature.length() != SIGNATURE_BYTES) {
          throw new IllegalArgumentException(
              "an ed25519 signature is 64 bytes, found " + signature.length());
        }
      }
    }
  }

  /** A method this codec does not type ({@link QueryKind#UNKNOWN}); its arguments stay raw. */
  record Unknown(BBytes method) implements Query {
    /** A query naming {@code method}. */
    public Unknown {
      Objects.requireNonNull(method, "method");
      if (QueryKind.ofMethod(method) != QueryKind.UNKNOWN) {
        throw new IllegalArgumentException(method + " is a known method; use its own record");
      }
    }

    @Override
    public QueryKind kind() {
      return QueryKind.UNKNOWN;
    }
  }
}
