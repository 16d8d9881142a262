package io.kadscope.krpc;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The closed set of KRPC methods this codec types, with the keys each one's arguments ({@code a})
 * and reply values ({@code r}) model beside {@code id}. Every other key travels in {@link
 * KrpcQuery#otherArgs()} or {@link KrpcResponse#otherValues()}, so nothing a peer sends is lost.
 */
public enum QueryKind {
  /** {@code ping} (BEP 5). */
  PING("ping", keys(), keys()),
  /** {@code find_node} (BEP 5; {@code want} from BEP 32). */
  FIND_NODE("find_node", keys("target", "want"), keys("nodes", "nodes6")),
  /** {@code get_peers} (BEP 5; {@code want} from BEP 32). */
  GET_PEERS("get_peers", keys("info_hash", "want"), keys("token", "values", "nodes", "nodes6")),
  /** {@code announce_peer} (BEP 5). */
  ANNOUNCE_PEER("announce_peer", keys("info_hash", "port", "token", "implied_port"), keys()),
  /** {@code get} of a BEP 44 item. */
  GET("get", keys("target", "seq"), keys("token", "nodes", "nodes6", "v", "k", "sig", "seq")),
  /** {@code put} of a BEP 44 item, immutable or mutable. */
  PUT("put", keys("v", "token", "k", "sig", "seq", "salt", "cas"), keys()),
  /** A method this codec does not know; a server answers it with error 204. */
  UNKNOWN(null, keys(), keys());

  private final String method;
  private final Set<BBytes> argKeys;
  private final Set<BBytes> replyKeys;

  QueryKind(String method, Set<BBytes> argKeys, Set<BBytes> replyKeys) {
    this.method = method;
    this.argKeys = argKeys;
    this.replyKeys = replyKeys;
  }

  /** The method name on the wire ({@code q}); null for {@link #UNKNOWN}. */
  public String method() {
    return method;
  }

  /** The keys of {@code a} this kind models, {@code id} included. */
  public Set<BBytes> argKeys() {
    return argKeys;
  }

  /** The keys of {@code r} a reply to this kind models, {@code id} included. */
  public Set<BBytes> replyKeys() {
    return replyKeys;
  }

  /** The kind whose method name is {@code name}, or {@link #UNKNOWN}. */
  public static QueryKind ofMethod(BBytes name) {
    for (QueryKind k : values()) {
      if (k.method != null && name.is(k.method)) {
        return k;
      }
    }
    return UNKNOWN;
  }

  private static Set<BBytes> keys(String... names) {
    return Stream.concat(Stream.of("id"), Stream.of(names))
        .map(BBytes::utf8)
        .collect(Collectors.toUnmodifiableSet());
  }
}
